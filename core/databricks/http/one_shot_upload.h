#pragma once

#include <QByteArray>
#include <QIODevice>

namespace core {

// An upload body that can be read only once. QNetworkAccessManager silently re-sends a request
// when a kept-alive connection drops before the answer; for a write that may already have run,
// that would run it twice. With this device (and DoNotBufferUploadDataAttribute) Qt cannot
// rewind the body, so the reply fails with ContentReSendError instead, and the caller is told
// the outcome is unknown.
class OneShotUpload final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OneShotUpload)

public:
    explicit OneShotUpload(QByteArray data, QObject* parent = nullptr);

    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override;
    qint64 size() const override { return m_data.size(); }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

} // namespace core
