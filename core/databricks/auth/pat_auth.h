#pragma once

#include "databricks/auth/auth_provider.h"

namespace core {

// A personal access token: the same "Bearer dapi…" on every call, no refresh
// (canRefresh() is false, so a 401/403 is surfaced rather than retried).
class PatAuth final : public AuthProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PatAuth)

public:
    explicit PatAuth(QString token, QObject* parent = nullptr);

    QFuture<Result<QString>> authorization() override;
    void invalidate(const QString& rejectedAuthorization = {}) override;
    bool canRefresh() const override { return false; }
    QString authType() const override;
    QString describe() const override;

private:
    QString m_token;
    bool m_rejected = false;
};

} // namespace core
