#pragma once

#include <functional>
#include <memory>

#include "domain/catalogue.h"
#include "report/report_content.h"

namespace core {
class Backend;
}

namespace report {

// Gathers a report's content from a workspace: the advertiser, its segments (the chosen ones or
// every live one), their daily metrics (one bulk read), then per section the KPIs (KpiSummary),
// the comparison (ComparisonBuilder, when there are 2–6 segments), the forecasts (Forecaster on
// each segment's impressions up to the last day) and the experiments' readouts
// (ExperimentResults). Waits for each store call with core::awaitFuture, which keeps the
// thread's event loop running: progress(step, of, what) is called before each step, and the
// window shows it in a progress dialog with Cancel (progress returns false to stop: a Cancelled
// error). NotFound for an unknown advertiser or segment; the backend's errors as they come.
class ReportCollector
{
public:
    using Progress = std::function<bool(int step, int steps, const QString& what)>;

    ReportCollector(core::Backend& backend, std::shared_ptr<const core::Catalogue> catalogue);

    core::Result<ReportContent> collect(const ReportDefinition& definition, const Progress& progress = {}) const;

private:
    core::Backend& m_backend;
    std::shared_ptr<const core::Catalogue> m_catalogue;
};

} // namespace report
