#include "sql/experiment_rows.h"

#include <QMap>

#include "domain/experiment_json.h"
#include "domain/segment_json.h"

namespace core {

namespace {

QDateTime timeOf(const QVariant& v)
{
    return v.isNull() ? QDateTime() : SegmentJson::parseTime(v.toString());
}

QDate dateOf(const QVariant& v)
{
    if (v.isNull())
        return {};
    if (v.typeId() == QMetaType::QDate)
        return v.toDate();
    return QDate::fromString(v.toString().left(10), Qt::ISODate);
}

// An integer the dialect may answer as text, a 64-bit integer or a numeric (a SUM in PostgreSQL).
qint64 integerOf(const QVariant& v)
{
    if (v.isNull())
        return 0;
    bool ok = false;
    const qint64 n = v.toLongLong(&ok);
    if (ok)
        return n;
    return static_cast<qint64>(v.toDouble());
}

} // namespace

Result<Experiment> ExperimentRows::experiment(const std::function<QVariant(const QString& name)>& c)
{
    Experiment e;
    e.id = c(QStringLiteral("experiment_id")).toString();
    e.advertiserId = c(QStringLiteral("advertiser_id")).toString();
    e.segmentId = c(QStringLiteral("segment_id")).toString();
    e.name = c(QStringLiteral("name")).toString();
    e.key = c(QStringLiteral("experiment_key")).toString();
    e.seed = c(QStringLiteral("seed")).toString();
    auto arms = ExperimentJson::armsFromText(c(QStringLiteral("arms")).toString());
    if (!arms) {
        Error err = arms.error();
        err.kind = ErrorKind::Storage;
        err.userMessage = QStringLiteral("The stored arms of experiment “%1” are damaged.").arg(e.name);
        return err;
    }
    e.arms = std::move(arms).value();
    e.holdoutPercent = Experiment::holdoutPercentFromBasisPoints(integerOf(c(QStringLiteral("holdout_basis_points"))));
    e.startDate = dateOf(c(QStringLiteral("start_date")));
    e.endDate = dateOf(c(QStringLiteral("end_date")));
    e.primaryMetric =
        experimentMetricFromKey(c(QStringLiteral("primary_metric")).toString()).value_or(ExperimentMetric::Ctr);
    e.status = experimentStatusFromKey(c(QStringLiteral("status")).toString()).value_or(ExperimentStatus::Draft);
    e.version = static_cast<int>(integerOf(c(QStringLiteral("version"))));
    e.createdBy = c(QStringLiteral("created_by")).toString();
    e.createdAt = timeOf(c(QStringLiteral("created_at")));
    e.updatedBy = c(QStringLiteral("updated_by")).toString();
    e.updatedAt = timeOf(c(QStringLiteral("updated_at")));
    return e;
}

Result<QList<Experiment>> ExperimentRows::experiments(qsizetype rows, const Cell& cell)
{
    QList<Experiment> out;
    for (qsizetype row = 0; row < rows; ++row) {
        auto e = experiment([&](const QString& name) { return cell(row, name); });
        if (!e)
            return e.error();
        out.append(std::move(e).value());
    }
    return out;
}

Result<QList<ExperimentVersion>> ExperimentRows::versions(qsizetype rows, const Cell& cell)
{
    QList<ExperimentVersion> out;
    for (qsizetype row = 0; row < rows; ++row) {
        auto e = experiment([&](const QString& name) { return cell(row, name); });
        if (!e)
            return e.error();
        out.append(ExperimentVersion{std::move(e).value(), cell(row, QStringLiteral("change")).toString(),
                                     cell(row, QStringLiteral("change_key")).toString()});
    }
    return out;
}

ExperimentData ExperimentRows::data(int armCount, qsizetype rows, const Cell& cell)
{
    // Slots: arms 0 .. armCount − 1, then the holdout (−1).
    const auto slotOf = [armCount](qint64 arm) { return arm < 0 ? armCount : static_cast<int>(arm); };
    QList<ExperimentArmTotals> running;
    for (int slot = 0; slot <= armCount; ++slot) {
        ExperimentArmTotals t;
        t.arm = slot == armCount ? -1 : slot;
        running << t;
    }
    QMap<QDate, QList<qsizetype>> dayRows;
    for (qsizetype row = 0; row < rows; ++row) {
        const int slot = slotOf(integerOf(cell(row, QStringLiteral("arm"))));
        if (slot < 0 || slot > armCount)
            continue;
        const QVariant day = cell(row, QStringLiteral("day"));
        if (day.isNull())
            running[slot].users = integerOf(cell(row, QStringLiteral("users")));
        else
            dayRows[dateOf(day)].append(row);
    }
    // Day by day, in order: each arm's figures grow by the day's.
    ExperimentData out;
    for (auto it = dayRows.cbegin(); it != dayRows.cend(); ++it) {
        for (qsizetype row : it.value()) {
            ExperimentArmTotals& t = running[slotOf(integerOf(cell(row, QStringLiteral("arm"))))];
            t.impressions += integerOf(cell(row, QStringLiteral("impressions")));
            t.clicks += integerOf(cell(row, QStringLiteral("clicks")));
            t.conversions += integerOf(cell(row, QStringLiteral("conversions")));
            t.spendMicros += integerOf(cell(row, QStringLiteral("spend_micros")));
            t.conversionsSquared += cell(row, QStringLiteral("conversions_squared")).toDouble();
            t.spendSquared += cell(row, QStringLiteral("spend_squared")).toDouble();
        }
        for (const auto& t : running)
            out.days.append(ExperimentDailyTotals{it.key(), t});
    }
    out.arms = running;
    return out;
}

} // namespace core
