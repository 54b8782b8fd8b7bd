#pragma once

#include <QString>

#include <array>
#include <optional>

namespace core {

// The audience attributes a leaf condition can constrain.
enum class Dimension { Age, Gender, Country, Region, Interest, Device };

inline constexpr std::array<Dimension, 6> kAllDimensions{Dimension::Age,      Dimension::Gender,
                                                         Dimension::Country,  Dimension::Region,
                                                         Dimension::Interest, Dimension::Device};

// Stable key used in JSON and settings: "age", "gender", "country", "region", "interest", "device".
QString dimensionKey(Dimension dimension);
std::optional<Dimension> dimensionFromKey(const QString& key);
// Label for people: "Age", "Gender", "Country", "Region", "Interests", "Device".
QString dimensionLabel(Dimension dimension);

} // namespace core
