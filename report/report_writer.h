#pragma once

#include <QStringList>

#include "report/report_content.h"

namespace core {
class VolumeFiles;
}

namespace report {

// Renders a report in its definition's formats (ReportPdf, ReportHtml, ReportCsv) and writes
// them as <folder>/<name>-<last day>.{pdf,html,csv}: locally each file atomically (a reader never
// sees half a report; the folder is made when missing), to a Unity Catalog volume path through
// the Files API (a repeated upload overwrites). A volume path without a Databricks connection is
// a Validation error (code report_volume_needs_databricks). Returns the paths written, in format
// order; a failure names the file and leaves the files written before it.
class ReportWriter
{
public:
    // volumes: the Databricks connection's Files API, or nullptr on a local or PostgreSQL workspace.
    explicit ReportWriter(core::VolumeFiles* volumes = nullptr);

    core::Result<QStringList> write(const ReportContent& content) const;

private:
    core::VolumeFiles* m_volumes;
};

} // namespace report
