#include "forecast/forecast_options.h"

#include <algorithm>
#include <cmath>

namespace core::forecast {

namespace {

constexpr int kMaxHorizon = 10000;
constexpr int kMaxPeriod = 1000;

} // namespace

Result<ModelChoice> ModelChoice::parse(const QString& text)
{
    const QString t = text.trimmed().toLower();
    ModelChoice choice;
    if (t == QLatin1String("auto"))
        return choice;
    if (t == QLatin1String("snaive")) {
        choice.kind = Kind::SeasonalNaive;
        return choice;
    }
    if (t == QLatin1String("naive")) {
        choice.kind = Kind::Naive;
        return choice;
    }
    auto spec = EtsSpec::parse(text);
    if (!spec)
        return spec.error();
    choice.kind = Kind::Ets;
    choice.spec = spec.value();
    return choice;
}

QString ModelChoice::name() const
{
    switch (kind) {
    case Kind::Auto:
        return QStringLiteral("auto");
    case Kind::Ets:
        return spec.name();
    case Kind::SeasonalNaive:
        return QStringLiteral("snaive");
    case Kind::Naive:
        return QStringLiteral("naive");
    }
    return {};
}

Status ForecastOptions::validate() const
{
    if (horizon < 1 || horizon > kMaxHorizon)
        return Error::validation(QStringLiteral("bad_horizon"),
                                 QStringLiteral("The horizon must be between 1 and %1 steps, not %2.")
                                     .arg(kMaxHorizon)
                                     .arg(horizon));
    if (seasonPeriod < 0 || seasonPeriod > kMaxPeriod)
        return Error::validation(
            QStringLiteral("bad_season"),
            QStringLiteral("The seasonal period must be between 1 and %1 (0: detect), not %2.")
                .arg(kMaxPeriod)
                .arg(seasonPeriod));
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const double level = levels.at(i);
        if (!(level > 0.0 && level < 100.0))
            return Error::validation(
                QStringLiteral("bad_level"),
                QStringLiteral("Interval levels are percentages above 0 and below 100, not %1.").arg(level));
        if (levels.indexOf(level) != i)
            return Error::validation(QStringLiteral("bad_level"),
                                     QStringLiteral("The interval level %1 is given twice.").arg(level));
    }
    if (simulationPaths < 100)
        return Error::validation(
            QStringLiteral("bad_paths"),
            QStringLiteral("At least 100 simulated paths are needed, not %1.").arg(simulationPaths));
    return success();
}

Result<QList<double>> ForecastOptions::parseLevels(const QString& text)
{
    QList<double> out;
    for (const QString& part : text.split(QLatin1Char(','))) {
        bool ok = false;
        const double level = part.trimmed().toDouble(&ok);
        if (!ok || !(level > 0.0 && level < 100.0))
            return Error::validation(
                QStringLiteral("bad_level"),
                QStringLiteral(
                    "“%1” is not a list of interval levels such as 80,95 (percent, above 0 and below 100).")
                    .arg(text));
        out.append(level);
    }
    ForecastOptions check;
    check.levels = out;
    if (auto status = check.validate(); !status)
        return status.error();
    return out;
}

} // namespace core::forecast
