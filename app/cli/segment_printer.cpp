#include "segment_printer.h"

#include <algorithm>

#include "domain/segment_json.h"
#include "text_table.h"

namespace segctl {

QString SegmentPrinter::shortTime(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC")
                          : QString();
}

QString SegmentPrinter::table(const QList<core::Segment>& segments, bool withDeleted)
{
    QStringList headers{QStringLiteral("ID"),     QStringLiteral("ADVERTISER"), QStringLiteral("NAME"),
                        QStringLiteral("STATUS"), QStringLiteral("VERSION"),    QStringLiteral("UPDATED")};
    if (withDeleted)
        headers.append(QStringLiteral("DELETED"));
    TextTable table(headers);
    table.setAlign(4, TextTable::Align::Right);
    for (const auto& s : segments) {
        QStringList row{s.id,
                        s.advertiserId,
                        s.name,
                        core::segmentStatusKey(s.status),
                        QString::number(s.version),
                        shortTime(s.updatedAt)};
        if (withDeleted)
            row.append(shortTime(s.deletedAt));
        table.addRow(row);
    }
    return table.render();
}

QString SegmentPrinter::details(const core::Segment& s, const core::DefinitionDescriber& describer)
{
    auto by = [](const QDateTime& t, const QString& who) {
        return who.isEmpty() ? core::SegmentJson::formatTime(t)
                             : QStringLiteral("%1 by %2").arg(core::SegmentJson::formatTime(t), who);
    };
    QList<QPair<QString, QString>> rows{
        {QStringLiteral("Name"), s.name},
        {QStringLiteral("ID"), s.id},
        {QStringLiteral("Advertiser"), s.advertiserId},
        {QStringLiteral("Status"), core::segmentStatusKey(s.status)},
        {QStringLiteral("Version"), QString::number(s.version)},
        {QStringLiteral("Description"), s.description},
        {QStringLiteral("Created"), by(s.createdAt, s.createdBy)},
        {QStringLiteral("Updated"), by(s.updatedAt, s.updatedBy)},
    };
    if (s.isDeleted())
        rows.append({QStringLiteral("Deleted"), core::SegmentJson::formatTime(s.deletedAt)});
    rows.append({QStringLiteral("Hash"), s.definitionHash});

    qsizetype width = 0;
    for (const auto& r : rows)
        width = std::max(width, r.first.size());
    width = std::max<qsizetype>(width, 8); // "Criteria"
    const QString indent(width + 2, QLatin1Char(' '));
    QString out;
    for (const auto& r : rows) {
        QString value = r.second;
        value.replace(QLatin1Char('\n'), QLatin1Char('\n') + indent); // multi-line descriptions stay aligned
        out += (r.first + QLatin1Char(':')).leftJustified(width + 2) + value + QLatin1Char('\n');
    }
    out += QStringLiteral("Criteria:\n");
    const core::DefinitionNode& root = s.definition.root();
    if (root.kind == core::NodeKind::And) {
        for (const auto& child : root.children)
            out += QStringLiteral("  - ") + describer.describe(child) + QLatin1Char('\n');
    } else {
        out += QStringLiteral("  - ") + describer.describe(root) + QLatin1Char('\n');
    }
    return out;
}

} // namespace segctl
