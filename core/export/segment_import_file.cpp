#include "export/segment_import_file.h"

#include "common/single_line.h"

#include "domain/catalogue.h"
#include "domain/segment_change_rules.h"
#include "domain/segment_json.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>

#include <functional>
#include <optional>

namespace core {
namespace {

Error aboutFile(Error error, const QString& path)
{
    error.userMessage = singleLine(QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), error.userMessage));
    if (error.remediation.isEmpty())
        error.remediation = QStringLiteral("Correct the file and try again.");
    return error;
}

// The segments with those they refer to first; a cycle of references (no order can import it)
// is refused, naming a segment on it.
Result<QList<Segment>> inDependencyOrder(const QList<Segment>& segments)
{
    QHash<QString, qsizetype> indexOf;
    for (qsizetype i = 0; i < segments.size(); ++i)
        indexOf.insert(segments.at(i).id, i);
    QList<Segment> out;
    QSet<qsizetype> done;
    QSet<qsizetype> visiting;
    std::optional<qsizetype> onCycle;
    std::function<void(qsizetype)> visit = [&](qsizetype i) {
        if (visiting.contains(i) && !onCycle)
            onCycle = i;
        if (done.contains(i) || visiting.contains(i))
            return;
        visiting.insert(i);
        for (const QString& ref : segments.at(i).definition.referencedSegments()) {
            if (auto it = indexOf.constFind(ref); it != indexOf.constEnd())
                visit(it.value());
        }
        visiting.remove(i);
        done.insert(i);
        out.append(segments.at(i));
    };
    for (qsizetype i = 0; i < segments.size(); ++i)
        visit(i);
    if (onCycle)
        return Error::validation(QStringLiteral("reference_cycle"),
                                 QStringLiteral("segment %1 %2 is part of a cycle of segments that include each other.")
                                     .arg(*onCycle + 1)
                                     .arg(segmentFileLabel(segments.at(*onCycle))));
    return out;
}

} // namespace

Advertiser SegmentImportFile::advertiser(const QString& id) const
{
    for (const Advertiser& a : advertisers)
        if (a.id == id)
            return a;
    return Advertiser{id, id};
}

QString segmentFileLabel(const Segment& segment)
{
    return QStringLiteral("“%1” (%2)").arg(segment.name, segment.id);
}

Result<SegmentImportFile> SegmentImportFile::read(const QString& path, std::shared_ptr<const Catalogue> catalogue)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                         file.errorString());
    return parse(file.readAll(), path, std::move(catalogue));
}

Result<SegmentImportFile> SegmentImportFile::parse(const QByteArray& bytes, const QString& path,
                                                   std::shared_ptr<const Catalogue> catalogue)
{
    auto document = SegmentJson::readDocument(bytes);
    if (!document)
        return aboutFile(document.error(), path);
    const auto parsed = Result<QList<Segment>>(document.value().segments);
    const SegmentChangeRules rules(std::move(catalogue));
    SegmentImportFile out;
    out.path = path;
    out.advertisers = document.value().advertisers;
    QSet<QString> ids;
    for (qsizetype i = 0; i < parsed.value().size(); ++i) {
        const Segment& s = parsed.value().at(i);
        if (auto ok = rules.checkImport(s); !ok) {
            Error e = ok.error();
            e.userMessage = QStringLiteral("segment %1 %2: %3").arg(i + 1).arg(segmentFileLabel(s), e.userMessage);
            return aboutFile(e, path);
        }
        if (ids.contains(s.id))
            return aboutFile(Error::validation(QStringLiteral("id_repeated"),
                                               QStringLiteral("segment %1 repeats the id %2.").arg(i + 1).arg(s.id)),
                             path);
        ids.insert(s.id);
        if (!out.advertiserIds.contains(s.advertiserId))
            out.advertiserIds.append(s.advertiserId);
    }
    auto ordered = inDependencyOrder(parsed.value());
    if (!ordered)
        return aboutFile(ordered.error(), path);
    out.segments = std::move(ordered).value();
    return out;
}

} // namespace core
