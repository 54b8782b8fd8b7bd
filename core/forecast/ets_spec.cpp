#include "forecast/ets_spec.h"

#include <QRegularExpression>

namespace core::forecast {

namespace {

QString errorCode(EtsSpec::Error e)
{
    return e == EtsSpec::Error::Additive ? QStringLiteral("A") : QStringLiteral("M");
}

QString trendCode(EtsSpec::Trend t)
{
    switch (t) {
    case EtsSpec::Trend::None:
        return QStringLiteral("N");
    case EtsSpec::Trend::Additive:
        return QStringLiteral("A");
    case EtsSpec::Trend::Damped:
        return QStringLiteral("Ad");
    }
    return {};
}

QString seasonCode(EtsSpec::Season s)
{
    switch (s) {
    case EtsSpec::Season::None:
        return QStringLiteral("N");
    case EtsSpec::Season::Additive:
        return QStringLiteral("A");
    case EtsSpec::Season::Multiplicative:
        return QStringLiteral("M");
    }
    return {};
}

core::Error notAModel(const QString& text)
{
    return Error::validation(
        QStringLiteral("unknown_model"),
        QStringLiteral("“%1” is not an exponential-smoothing model; use auto or a code such as ANN, AAN, "
                       "AAdN, ANA, AAdA, MNM, MAM or MAdM (error A|M, trend N|A|Ad, season N|A|M).")
            .arg(text));
}

} // namespace

QString EtsSpec::name() const
{
    return QStringLiteral("ETS(%1,%2,%3)").arg(errorCode(error), trendCode(trend), seasonCode(season));
}

QString EtsSpec::code() const
{
    return errorCode(error) + trendCode(trend) + seasonCode(season);
}

Result<EtsSpec> EtsSpec::parse(const QString& text)
{
    QString s = text.trimmed().toUpper();
    if (s.startsWith(QLatin1String("ETS(")) && s.endsWith(QLatin1Char(')')))
        s = s.mid(4, s.size() - 5);
    s.remove(QLatin1Char(',')).remove(QLatin1Char(' '));
    static const QRegularExpression pattern(QStringLiteral("^([AM])(N|A|AD|M|MD)([NAM])$"));
    const auto match = pattern.match(s);
    if (!match.hasMatch())
        return notAModel(text);
    const QString trend = match.captured(2);
    if (trend.startsWith(QLatin1Char('M')))
        return core::Error::validation(QStringLiteral("unsupported_model"),
                                       QStringLiteral("“%1”: a multiplicative trend is not supported; use an "
                                                      "additive (A) or damped (Ad) trend.")
                                           .arg(text));
    EtsSpec spec;
    spec.error = match.captured(1) == QLatin1String("A") ? Error::Additive : Error::Multiplicative;
    spec.trend = trend == QLatin1String("N")   ? Trend::None
                 : trend == QLatin1String("A") ? Trend::Additive
                                               : Trend::Damped;
    const QString season = match.captured(3);
    spec.season = season == QLatin1String("N")   ? Season::None
                  : season == QLatin1String("A") ? Season::Additive
                                                 : Season::Multiplicative;
    return spec;
}

QList<EtsSpec> EtsSpec::autoCandidates(bool seasonal, bool positiveData)
{
    QList<EtsSpec> out;
    for (Error e : {Error::Additive, Error::Multiplicative}) {
        if (e == Error::Multiplicative && !positiveData)
            continue;
        for (Trend t : {Trend::None, Trend::Additive, Trend::Damped}) {
            for (Season s : {Season::None, Season::Additive, Season::Multiplicative}) {
                if (s != Season::None && !seasonal)
                    continue;
                if (s == Season::Multiplicative && (e == Error::Additive || !positiveData))
                    continue;
                out.append(EtsSpec{e, t, s});
            }
        }
    }
    return out;
}

} // namespace core::forecast
