#include "export/atomic_file.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace core {

namespace {

Error writeError(const QString& path, const QString& reason)
{
    Error e =
        Error::io(QStringLiteral("Could not write “%1”: %2.").arg(QDir::toNativeSeparators(path), reason),
                  QStringLiteral("atomic write of %1 failed: %2").arg(path, reason));
    e.code = QStringLiteral("write_failed");
    e.remediation = QStringLiteral("Check that the folder exists, that you may write to it and that the disk "
                                   "has space, or choose another location.");
    return e;
}

} // namespace

Status writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    return writeFileAtomically(path, QList<QByteArray>{bytes}, {});
}

Status writeFileAtomically(const QString& path, const QList<QByteArray>& parts,
                           const std::function<bool(qsizetype partsWritten)>& keepGoing)
{
    if (path.isEmpty())
        return writeError(path, QStringLiteral("no file name was given"));
    const QFileInfo info(path);
    if (info.isDir())
        return writeError(path, QStringLiteral("it is a folder, not a file"));
    if (!info.absoluteDir().exists())
        return writeError(path, QStringLiteral("the folder “%1” does not exist")
                                    .arg(QDir::toNativeSeparators(info.absolutePath())));

    QSaveFile file(path);
    // Never fall back to writing the target in place: that would break the guarantee.
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(path, file.errorString());
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (keepGoing && !keepGoing(i)) {
            file.cancelWriting(); // the temporary file is removed, the target stays as it was
            Error e{ErrorKind::Cancelled, 0, QStringLiteral("cancelled"),
                    QStringLiteral("Writing “%1” was cancelled; the file was not changed.").arg(QDir::toNativeSeparators(path)),
                    QStringLiteral("atomic write of %1 cancelled after %2 of %3 parts").arg(path).arg(i).arg(parts.size()),
                    {}};
            return e;
        }
        const QByteArray& bytes = parts.at(i);
        if (file.write(bytes) != bytes.size()) {
            const QString reason = file.errorString();
            file.cancelWriting();
            return writeError(path, reason);
        }
    }
    if (!file.commit()) // removes the temporary file itself when the rename fails
        return writeError(path, file.errorString());
    return success();
}

} // namespace core
