#include "emulated_files.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace emulator {

namespace {

// Parent folders of a workspace path: "/a/b/c.sql" → "/a", "/a/b".
QStringList parentsOf(const QString& path)
{
    QStringList out;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString current;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        current += QLatin1Char('/') + parts.at(i);
        out.append(current);
    }
    return out;
}

// A Workspace API body with an absolute "path".
std::optional<QJsonObject> workspaceRequest(const QByteArray& body, HttpResponse* error)
{
    auto json = jsonBody(body, error);
    if (json && !json->value(QStringLiteral("path")).toString().startsWith(QLatin1Char('/'))) {
        *error = apiError(
            400, QStringLiteral("INVALID_PARAMETER_VALUE"),
            QStringLiteral("Path must be absolute: %1").arg(json->value(QStringLiteral("path")).toString()));
        return std::nullopt;
    }
    return json;
}

} // namespace

void EmulatedFiles::addVolume(const QString& qualifiedName)
{
    m_volumes.insert(qualifiedName.toLower());
}

QString EmulatedFiles::volumeOf(const QString& path)
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() < 5 || parts.first() != QLatin1String("Volumes"))
        return {};
    return QStringList{parts.at(1), parts.at(2), parts.at(3)}.join(QLatin1Char('.')).toLower();
}

bool EmulatedFiles::hasVolumeFor(const QString& volumePath) const
{
    return m_volumes.contains(volumeOf(volumePath));
}

HttpResponse EmulatedFiles::put(const QString& path, const QUrlQuery& query, const QByteArray& body,
                                bool canWrite)
{
    const QString volume = volumeOf(path);
    if (volume.isEmpty())
        return apiError(400, QStringLiteral("INVALID_PARAMETER_VALUE"),
                        QStringLiteral("The path %1 is not a file in a Unity Catalog volume "
                                       "(/Volumes/<catalog>/<schema>/<volume>/<path>).")
                            .arg(path));
    if (!m_volumes.contains(volume))
        return apiError(404, QStringLiteral("NOT_FOUND"),
                        QStringLiteral("Volume '%1' does not exist.").arg(volume));
    if (!canWrite)
        return apiError(403, QStringLiteral("PERMISSION_DENIED"),
                        QStringLiteral("User does not have WRITE VOLUME on Volume '%1'.").arg(volume));
    const QString overwrite = query.queryItemValue(QStringLiteral("overwrite")).toLower();
    if (overwrite == QLatin1String("false") && m_files.contains(path))
        return apiError(409, QStringLiteral("ALREADY_EXISTS"),
                        QStringLiteral("The file %1 already exists.").arg(path));
    m_files.insert(path, body);
    return noContent();
}

HttpResponse EmulatedFiles::get(const QString& path) const
{
    const auto it = m_files.constFind(path);
    if (it == m_files.cend())
        return apiError(404, QStringLiteral("NOT_FOUND"),
                        QStringLiteral("The file %1 does not exist.").arg(path));
    HttpResponse r;
    r.contentType = QByteArrayLiteral("application/octet-stream");
    r.body = it.value();
    return r;
}

HttpResponse EmulatedFiles::remove(const QString& path, bool canWrite)
{
    if (!m_files.contains(path))
        return apiError(404, QStringLiteral("NOT_FOUND"),
                        QStringLiteral("The file %1 does not exist.").arg(path));
    if (!canWrite)
        return apiError(
            403, QStringLiteral("PERMISSION_DENIED"),
            QStringLiteral("User does not have WRITE VOLUME on Volume '%1'.").arg(volumeOf(path)));
    m_files.remove(path);
    return noContent();
}

std::optional<QByteArray> EmulatedFiles::volumeFile(const QString& path) const
{
    const auto it = m_files.constFind(path);
    if (it == m_files.cend())
        return std::nullopt;
    return it.value();
}

void EmulatedFiles::replaceDirectory(const QString& folder, const QHash<QString, QByteArray>& files)
{
    const QString prefix = folder + QLatin1Char('/');
    for (auto it = m_files.begin(); it != m_files.end();) {
        if (it.key().startsWith(prefix))
            it = m_files.erase(it);
        else
            ++it;
    }
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        m_files.insert(prefix + it.key(), it.value());
}

QStringList EmulatedFiles::volumeFiles() const
{
    QStringList out = m_files.keys();
    out.sort();
    return out;
}

HttpResponse EmulatedFiles::workspaceImport(const QByteArray& body)
{
    HttpResponse error;
    const auto json = workspaceRequest(body, &error);
    if (!json)
        return error;
    const QString path = json->value(QStringLiteral("path")).toString();
    for (const QString& parent : parentsOf(path)) {
        if (!m_workspaceDirs.contains(parent))
            return apiError(404, QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                            QStringLiteral("The parent folder (%1) does not exist.").arg(parent));
    }
    const bool overwrite = json->value(QStringLiteral("overwrite")).toBool(false);
    if (m_workspaceFiles.contains(path) && !overwrite)
        return apiError(400, QStringLiteral("RESOURCE_ALREADY_EXISTS"),
                        QStringLiteral("%1 already exists.").arg(path));
    const QString format = json->value(QStringLiteral("format")).toString(QStringLiteral("SOURCE"));
    if (format != QLatin1String("AUTO") && format != QLatin1String("RAW") &&
        format != QLatin1String("SOURCE"))
        return apiError(400, QStringLiteral("INVALID_PARAMETER_VALUE"),
                        QStringLiteral("Unsupported format %1.").arg(format));
    m_workspaceFiles.insert(
        path, QByteArray::fromBase64(json->value(QStringLiteral("content")).toString().toLatin1()));
    return jsonResponse(200, {});
}

HttpResponse EmulatedFiles::workspaceMkdirs(const QByteArray& body)
{
    HttpResponse error;
    const auto json = workspaceRequest(body, &error);
    if (!json)
        return error;
    const QString path = json->value(QStringLiteral("path")).toString();
    for (const QString& parent : parentsOf(path + QStringLiteral("/x")))
        m_workspaceDirs.insert(parent);
    return jsonResponse(200, {});
}

HttpResponse EmulatedFiles::workspaceDelete(const QByteArray& body)
{
    HttpResponse error;
    const auto json = jsonBody(body, &error);
    if (!json)
        return error;
    const QString path = json->value(QStringLiteral("path")).toString();
    if (!m_workspaceFiles.remove(path))
        return apiError(404, QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                        QStringLiteral("Path (%1) doesn't exist.").arg(path));
    return jsonResponse(200, {});
}

HttpResponse EmulatedFiles::workspaceStatus(const QUrlQuery& query) const
{
    const QString path = query.queryItemValue(QStringLiteral("path"), QUrl::FullyDecoded);
    if (m_workspaceFiles.contains(path))
        return jsonResponse(200, QJsonObject{{QStringLiteral("path"), path},
                                             {QStringLiteral("object_type"), QStringLiteral("FILE")}});
    if (m_workspaceDirs.contains(path))
        return jsonResponse(200, QJsonObject{{QStringLiteral("path"), path},
                                             {QStringLiteral("object_type"), QStringLiteral("DIRECTORY")}});
    return apiError(404, QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                    QStringLiteral("Path (%1) doesn't exist.").arg(path));
}

std::optional<QByteArray> EmulatedFiles::workspaceFile(const QString& path) const
{
    const auto it = m_workspaceFiles.constFind(path);
    if (it == m_workspaceFiles.cend())
        return std::nullopt;
    return it.value();
}

} // namespace emulator
