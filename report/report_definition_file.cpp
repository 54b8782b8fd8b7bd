#include "report/report_definition_file.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include "export/atomic_file.h"
#include "settings/app_paths.h"

namespace report {

namespace {

core::Error unknown(const QString& name)
{
    core::Error e = core::Error::notFound(QStringLiteral("There is no report called “%1” in this workspace.").arg(name));
    e.code = QStringLiteral("report_not_found");
    e.remediation = QStringLiteral("See `segctl reports list` for the reports there are.");
    return e;
}

} // namespace

ReportDefinitionFile::ReportDefinitionFile(QString path, QString workspaceKey)
    : m_path(std::move(path)), m_key(std::move(workspaceKey))
{}

QString ReportDefinitionFile::defaultPath()
{
    return core::AppPaths::dataDir() + QStringLiteral("/reports.json");
}

core::Result<QJsonObject> ReportDefinitionFile::readAll() const
{
    QFile f(m_path);
    if (!f.exists())
        return QJsonObject{};
    if (!f.open(QIODevice::ReadOnly))
        return core::Error::io(QStringLiteral("Could not read the report definitions in %1.").arg(m_path), f.errorString());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (!doc.isObject())
        return core::Error::parse(QStringLiteral("The report definitions in %1 are damaged.").arg(m_path),
                                  error.errorString());
    return doc.object();
}

core::Status ReportDefinitionFile::writeAll(const QJsonObject& root) const
{
    return core::writeFileAtomically(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented));
}

core::Result<QList<ReportDefinition>> ReportDefinitionFile::list() const
{
    auto root = readAll();
    if (!root)
        return root.error();
    QList<ReportDefinition> out;
    const QJsonArray reports =
        root.value().value(QStringLiteral("workspaces")).toObject().value(m_key).toObject().value(QStringLiteral("reports")).toArray();
    for (const auto& r : reports) {
        auto d = ReportDefinition::fromJson(r.toObject());
        if (!d)
            return core::Error::parse(QStringLiteral("A report definition in %1 is damaged.").arg(m_path),
                                      d.error().userMessage);
        out.append(d.value());
    }
    std::sort(out.begin(), out.end(), [](const ReportDefinition& a, const ReportDefinition& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return out;
}

core::Result<ReportDefinition> ReportDefinitionFile::find(const QString& name) const
{
    auto all = list();
    if (!all)
        return all.error();
    for (const auto& d : all.value()) {
        if (d.name.compare(name, Qt::CaseInsensitive) == 0)
            return d;
    }
    return unknown(name);
}

core::Result<ReportDefinition> ReportDefinitionFile::save(const ReportDefinition& definition, bool replace)
{
    if (auto s = definition.validate(); !s)
        return s.error();
    auto root = readAll();
    if (!root)
        return root.error();
    auto current = list();
    if (!current)
        return current.error();
    ReportDefinition saved = definition;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    saved.updatedAt = now;
    if (!saved.createdAt.isValid())
        saved.createdAt = now;
    QJsonArray reports;
    bool replaced = false;
    for (const auto& d : current.value()) {
        if (d.name.compare(definition.name, Qt::CaseInsensitive) == 0) {
            if (!replace)
                return core::Error::conflict(QStringLiteral("report_name_taken"),
                                             QStringLiteral("A report is already called “%1” (names ignore case).").arg(d.name),
                                             QStringLiteral("Choose another name, or change that report."));
            saved.createdAt = d.createdAt;
            reports.append(saved.toJson());
            replaced = true;
        } else {
            reports.append(d.toJson());
        }
    }
    if (!replaced)
        reports.append(saved.toJson());
    QJsonObject workspaces = root.value().value(QStringLiteral("workspaces")).toObject();
    workspaces.insert(m_key, QJsonObject{{QStringLiteral("reports"), reports}});
    QJsonObject out = root.value();
    out.insert(QStringLiteral("version"), 1);
    out.insert(QStringLiteral("workspaces"), workspaces);
    if (auto s = writeAll(out); !s)
        return s.error();
    return saved;
}

core::Status ReportDefinitionFile::remove(const QString& name)
{
    auto root = readAll();
    if (!root)
        return root.error();
    auto current = list();
    if (!current)
        return current.error();
    QJsonArray reports;
    bool found = false;
    for (const auto& d : current.value()) {
        if (d.name.compare(name, Qt::CaseInsensitive) == 0)
            found = true;
        else
            reports.append(d.toJson());
    }
    if (!found)
        return unknown(name);
    QJsonObject workspaces = root.value().value(QStringLiteral("workspaces")).toObject();
    workspaces.insert(m_key, QJsonObject{{QStringLiteral("reports"), reports}});
    QJsonObject out = root.value();
    out.insert(QStringLiteral("workspaces"), workspaces);
    return writeAll(out);
}

} // namespace report
