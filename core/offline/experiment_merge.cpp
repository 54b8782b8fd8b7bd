#include "offline/experiment_merge.h"

#include <QLocale>
#include <QStringList>

namespace core {

namespace {

QString armsText(const Experiment& e)
{
    QStringList parts;
    for (const ExperimentArm& arm : e.arms)
        parts << QStringLiteral("%1 %2 %").arg(arm.name).arg(arm.weight);
    return parts.join(QStringLiteral(" · "));
}

QString dateText(const QDate& d) { return d.isValid() ? d.toString(Qt::ISODate) : QStringLiteral("open-ended"); }

} // namespace

QList<SegmentField> ExperimentMerge::fields(const std::optional<Experiment>& base, const Experiment& theirs,
                                            const Experiment& mine)
{
    auto field = [&](const char* key, QString label, auto get) {
        return compareField<Experiment>(QLatin1String(key), std::move(label), base, theirs, mine, get);
    };
    return {
        field("name", QStringLiteral("Name"), [](const Experiment& e) { return e.name.trimmed(); }),
        field("key", QStringLiteral("Key"), [](const Experiment& e) { return e.key.trimmed(); }),
        field("seed", QStringLiteral("Seed"), [](const Experiment& e) { return e.seed; }),
        field("segment", QStringLiteral("Segment"), [](const Experiment& e) { return e.segmentId; }),
        field("arms", QStringLiteral("Arms"), armsText),
        field("holdout", QStringLiteral("Holdout"),
              [](const Experiment& e) { return QStringLiteral("%1 %").arg(QLocale::c().toString(e.holdoutPercent, 'g', 6)); }),
        field("start_date", QStringLiteral("Start"), [](const Experiment& e) { return dateText(e.startDate); }),
        field("end_date", QStringLiteral("End"), [](const Experiment& e) { return dateText(e.endDate); }),
        field("primary_metric", QStringLiteral("Primary metric"),
              [](const Experiment& e) { return experimentMetricLabel(e.primaryMetric); }),
        field("status", QStringLiteral("Status"), [](const Experiment& e) { return experimentStatusKey(e.status); }),
    };
}

Experiment ExperimentMerge::merge(const Experiment& theirs, const Experiment& mine,
                                  const QHash<QString, SegmentMerge::Pick>& picks)
{
    Experiment out = theirs;
    auto mineFor = [&](const char* key) { return picks.value(QLatin1String(key), SegmentMerge::Pick::Theirs) == SegmentMerge::Pick::Mine; };
    if (mineFor("name"))
        out.name = mine.name;
    if (mineFor("key"))
        out.key = mine.key;
    if (mineFor("seed"))
        out.seed = mine.seed;
    if (mineFor("segment"))
        out.segmentId = mine.segmentId;
    if (mineFor("arms"))
        out.arms = mine.arms;
    if (mineFor("holdout"))
        out.holdoutPercent = mine.holdoutPercent;
    if (mineFor("start_date"))
        out.startDate = mine.startDate;
    if (mineFor("end_date"))
        out.endDate = mine.endDate;
    if (mineFor("primary_metric"))
        out.primaryMetric = mine.primaryMetric;
    if (mineFor("status"))
        out.status = mine.status;
    return out;
}

} // namespace core
