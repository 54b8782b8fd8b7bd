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

ExperimentArmTotals totalsOf(qsizetype row, const ExperimentRows::Cell& cell)
{
    ExperimentArmTotals t;
    t.arm = static_cast<int>(integerOf(cell(row, QStringLiteral("arm"))));
    t.users = integerOf(cell(row, QStringLiteral("users")));
    t.impressions = integerOf(cell(row, QStringLiteral("impressions")));
    t.clicks = integerOf(cell(row, QStringLiteral("clicks")));
    t.conversions = integerOf(cell(row, QStringLiteral("conversions")));
    t.spendMicros = integerOf(cell(row, QStringLiteral("spend_micros")));
    t.conversionsSquared = cell(row, QStringLiteral("conversions_squared")).toDouble();
    t.spendSquared = cell(row, QStringLiteral("spend_squared")).toDouble();
    return t;
}

// Arm order of ExperimentData: 0, 1, ..., armCount − 1, then the holdout.
int slotOf(int arm, int armCount)
{
    return arm < 0 ? armCount : arm;
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
        out.append(ExperimentVersion{std::move(e).value(), cell(row, QStringLiteral("change")).toString()});
    }
    return out;
}

ExperimentData ExperimentRows::data(int armCount, qsizetype totalRows, const Cell& totals, qsizetype dailyRows,
                                    const Cell& daily)
{
    ExperimentData out;
    for (int slot = 0; slot <= armCount; ++slot) {
        ExperimentArmTotals empty;
        empty.arm = slot == armCount ? -1 : slot;
        out.arms.append(empty);
    }
    for (qsizetype row = 0; row < totalRows; ++row) {
        const ExperimentArmTotals t = totalsOf(row, totals);
        const int slot = slotOf(t.arm, armCount);
        if (slot >= 0 && slot <= armCount)
            out.arms[slot] = t;
    }
    // Day by day, each arm's row or the one before it carried forward.
    QMap<QDate, QList<qsizetype>> rowsByDay;
    for (qsizetype row = 0; row < dailyRows; ++row)
        rowsByDay[dateOf(daily(row, QStringLiteral("day")))].append(row);
    QList<ExperimentArmTotals> last = out.arms;
    for (auto& t : last) {
        const qint64 users = t.users;
        const int arm = t.arm;
        t = ExperimentArmTotals{};
        t.arm = arm;
        t.users = users;
    }
    for (auto it = rowsByDay.cbegin(); it != rowsByDay.cend(); ++it) {
        for (qsizetype row : it.value()) {
            ExperimentArmTotals t = totalsOf(row, daily);
            const int slot = slotOf(t.arm, armCount);
            if (slot < 0 || slot > armCount)
                continue;
            t.users = out.arms.at(slot).users;
            last[slot] = t;
        }
        for (const auto& t : last)
            out.days.append(ExperimentDailyTotals{it.key(), t});
    }
    return out;
}

} // namespace core
