#pragma once

#include <optional>

#include "analytics/comparison.h"
#include "analytics/kpi_summary.h"
#include "domain/experiment.h"
#include "domain/segment.h"
#include "experiments/experiment_results.h"
#include "forecast/forecast.h"
#include "report/report_definition.h"

namespace report {

// One experiment of a reported segment with its readout (ExperimentResults).
struct ReportExperiment
{
    core::Experiment experiment;
    core::ExperimentReadout readout;
};

// One segment of a report: its KPIs over the range, every day of the range (zeros included), its
// forecast of impressions and its experiments.
struct ReportSegment
{
    core::Segment segment;
    core::KpiSummary kpis;
    QList<core::DailyMetrics> daily;
    std::optional<core::forecast::Forecast> forecast; // impressions after the last day
    QString forecastNote;                              // why there is none
    QList<ReportExperiment> experiments;
};

// Everything a report shows, gathered by ReportCollector from the workspace and computed by
// core (KpiSummary, ComparisonBuilder, Forecaster, ExperimentResults); the renderers only lay
// it out. A plain value.
struct ReportContent
{
    static constexpr int kForecastDays = 14;

    ReportDefinition definition;
    core::Advertiser advertiser; // its currency is the report's
    core::DateRange range;       // the last definition.lastDays days up to asOf
    QDate asOf;                  // the last day with data (invalid: none yet)
    QDateTime generatedAt;       // UTC
    QList<ReportSegment> segments;
    std::optional<core::Comparison> comparison; // 2–6 segments and the section asked for
    QString comparisonNote;                     // why there is none

    // "weekly-northwind-2026-03-31": the files' base name.
    QString baseName() const;
};

} // namespace report
