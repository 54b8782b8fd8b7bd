#pragma once

#include <QFuture>

#include "backends/metrics_store.h"

namespace uitest {

// A metrics backend whose every read fails (a broken or unreachable workspace).
class FailingMetricsStore final : public core::MetricsStore
{
public:
    static core::Error error()
    {
        core::Error e = core::Error::storage(QStringLiteral("The metrics table cannot be read."),
                                             QStringLiteral("no such table: gold_segment_daily_metrics"));
        e.remediation = QStringLiteral("Run segctl metrics refresh.");
        return e;
    }

    QFuture<core::Result<QList<core::DailyMetrics>>> dailyMetrics(const QString&, QDate, QDate) override
    {
        return QtFuture::makeReadyFuture(core::Result<QList<core::DailyMetrics>>(error()));
    }
    QFuture<core::Result<QList<core::SegmentDailyMetrics>>> dailyMetricsOfAll(const QString&, QDate,
                                                                              QDate) override
    {
        return QtFuture::makeReadyFuture(core::Result<QList<core::SegmentDailyMetrics>>(error()));
    }
};

} // namespace uitest
