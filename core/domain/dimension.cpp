#include "domain/dimension.h"

namespace core {

QString dimensionKey(Dimension dimension)
{
    switch (dimension) {
    case Dimension::Age: return QStringLiteral("age");
    case Dimension::Gender: return QStringLiteral("gender");
    case Dimension::Country: return QStringLiteral("country");
    case Dimension::Region: return QStringLiteral("region");
    case Dimension::Interest: return QStringLiteral("interest");
    case Dimension::Device: return QStringLiteral("device");
    }
    return {};
}

std::optional<Dimension> dimensionFromKey(const QString& key)
{
    for (Dimension d : kAllDimensions) {
        if (dimensionKey(d) == key)
            return d;
    }
    return std::nullopt;
}

QString dimensionLabel(Dimension dimension)
{
    switch (dimension) {
    case Dimension::Age: return QStringLiteral("Age");
    case Dimension::Gender: return QStringLiteral("Gender");
    case Dimension::Country: return QStringLiteral("Country");
    case Dimension::Region: return QStringLiteral("Region");
    case Dimension::Interest: return QStringLiteral("Interests");
    case Dimension::Device: return QStringLiteral("Device");
    }
    return {};
}

} // namespace core
