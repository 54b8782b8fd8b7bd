#include "domain/experiment.h"

#include <cmath>

namespace core {

QString experimentStatusKey(ExperimentStatus status)
{
    switch (status) {
    case ExperimentStatus::Draft: return QStringLiteral("draft");
    case ExperimentStatus::Running: return QStringLiteral("running");
    case ExperimentStatus::Stopped: return QStringLiteral("stopped");
    }
    return {};
}

std::optional<ExperimentStatus> experimentStatusFromKey(const QString& key)
{
    for (ExperimentStatus s : {ExperimentStatus::Draft, ExperimentStatus::Running, ExperimentStatus::Stopped}) {
        if (experimentStatusKey(s) == key)
            return s;
    }
    return std::nullopt;
}

QString experimentMetricKey(ExperimentMetric metric)
{
    switch (metric) {
    case ExperimentMetric::Ctr: return QStringLiteral("ctr");
    case ExperimentMetric::Cvr: return QStringLiteral("cvr");
    case ExperimentMetric::ConversionsPerUser: return QStringLiteral("conversions_per_user");
    case ExperimentMetric::SpendPerUser: return QStringLiteral("spend_per_user");
    }
    return {};
}

std::optional<ExperimentMetric> experimentMetricFromKey(const QString& key)
{
    for (ExperimentMetric m : {ExperimentMetric::Ctr, ExperimentMetric::Cvr, ExperimentMetric::ConversionsPerUser,
                               ExperimentMetric::SpendPerUser}) {
        if (experimentMetricKey(m) == key)
            return m;
    }
    return std::nullopt;
}

QString experimentMetricLabel(ExperimentMetric metric)
{
    switch (metric) {
    case ExperimentMetric::Ctr: return QStringLiteral("click rate (CTR)");
    case ExperimentMetric::Cvr: return QStringLiteral("conversion rate (CVR)");
    case ExperimentMetric::ConversionsPerUser: return QStringLiteral("conversions per person");
    case ExperimentMetric::SpendPerUser: return QStringLiteral("spend per person");
    }
    return {};
}

QStringList experimentMetricKeys()
{
    return {experimentMetricKey(ExperimentMetric::Ctr), experimentMetricKey(ExperimentMetric::Cvr),
            experimentMetricKey(ExperimentMetric::ConversionsPerUser),
            experimentMetricKey(ExperimentMetric::SpendPerUser)};
}

ExperimentSplit Experiment::split() const
{
    ExperimentSplit s;
    s.key = key;
    s.seed = seed;
    for (const auto& arm : arms)
        s.armPercents.append(arm.weight);
    s.holdoutPercent = holdoutPercent;
    return s;
}

QString Experiment::armName(int arm) const
{
    if (arm < 0 || arm >= arms.size())
        return kHoldoutName;
    return arms.at(arm).name;
}

int Experiment::holdoutBasisPoints() const
{
    return static_cast<int>(std::lround(holdoutPercent * 100.0));
}

double Experiment::holdoutPercentFromBasisPoints(qint64 basisPoints)
{
    return static_cast<double>(basisPoints) / 100.0;
}

} // namespace core
