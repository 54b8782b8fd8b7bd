#pragma once

#include <QString>

#include "common/result.h"

class QChartView;

namespace ui {

// Saves what a chart view shows, at its current size, as a PNG image (at the screen's pixel
// ratio) or an SVG drawing. The file is replaced atomically; an Io error names the path and the
// reason, and an existing file stays as it was.
core::Status exportChartAsPng(const QChartView& view, const QString& path);
core::Status exportChartAsSvg(const QChartView& view, const QString& path);

} // namespace ui
