#pragma once

#include <QDialog>

#include <functional>
#include <memory>

#include "analytics/analytics_source.h"
#include "domain/catalogue.h"
#include "domain/segment.h"
#include "report/report_definition.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTextBrowser;
class QTimeEdit;

namespace core {
class SegmentStore;
struct WorkspaceChoice;
} // namespace core

namespace core {
class ReportScheduler;
}

namespace ui {

// File ▸ Reports…: the workspace's scheduled segment reports. A list of definitions on the left;
// on the right the chosen one's form (name, advertiser, segments — none ticked means all —, range,
// sections, formats, folder), and below it Preview (the report rendered into a QTextBrowser,
// charts included), Send Now (written into the folder with a progress dialog and Cancel) and
// Schedule / Unschedule (the systemd user timer that runs `segctl reports run NAME` weekly with
// the app closed, or, for a report going to a volume of the Databricks workspace, its Databricks
// job). Definitions are report::ReportDefinitionFile's, keyed by the workspace.
class ReportsDialog final : public QDialog
{
    Q_OBJECT

public:
    ReportsDialog(core::SegmentStore& store, AnalyticsSource source, std::shared_ptr<const core::Catalogue> catalogue,
                  QWidget* parent = nullptr);

    // Where definitions are kept (tests use a temporary file) and the workspace's key in it.
    void setDefinitionsFile(const QString& path);
    // The options that make segctl open this workspace ("--workspace", path) for the timer, and
    // the segctl to run (default: beside this program).
    void setWorkspaceArguments(const QStringList& arguments) { m_workspaceArguments = arguments; }
    void setSegctlPath(const QString& path) { m_segctl = path; }
    // On a Databricks workspace: a report whose folder is a volume is scheduled there, as a job.
    void setReportScheduler(core::ReportScheduler* scheduler) { m_reportJobs = scheduler; }
    static QStringList segctlArgumentsOf(const core::WorkspaceChoice& choice);

    void setCurrentAdvertiser(const QString& advertiserId);
    // Reloads the advertisers, segments and definitions.
    void reload();

    // For tests and screenshots: select a report by name, render its preview, run it now.
    bool selectReport(const QString& name);
    bool preview();
    QStringList sendNow();
    QTextBrowser* previewBrowser() const { return m_preview; }
    QString statusText() const;

signals:
    void failed(const core::Error& error, const QString& context);
    void succeeded(const QString& message);

private:
    core::SegmentStore& m_store;
    AnalyticsSource m_source;
    std::shared_ptr<const core::Catalogue> m_catalogue;
    QString m_definitionsPath;
    QStringList m_workspaceArguments;
    QString m_segctl;
    core::ReportScheduler* m_reportJobs = nullptr;
    QList<core::Advertiser> m_advertisers;
    QList<report::ReportDefinition> m_definitions;

    QListWidget* m_list = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_advertiser = nullptr;
    QListWidget* m_segments = nullptr;
    QComboBox* m_days = nullptr;
    QList<QCheckBox*> m_sections;
    QList<QCheckBox*> m_formats;
    QLineEdit* m_folder = nullptr;
    QComboBox* m_weekday = nullptr;
    QTimeEdit* m_time = nullptr;
    QPushButton* m_schedule = nullptr;
    QPushButton* m_unschedule = nullptr;
    QLabel* m_status = nullptr;
    QTextBrowser* m_preview = nullptr;

    QString workspaceKey() const;
    void loadDefinitions(const QString& select = {});
    void loadSegments();
    void showDefinition(const report::ReportDefinition& definition);
    void newDefinition();
    core::Result<report::ReportDefinition> formDefinition() const;
    bool save();
    void removeCurrent();
    void schedule();
    void scheduleOnDatabricks(const report::ReportDefinition& definition, const report::ReportSchedule& when);
    void unschedule();
    void setStatus(const QString& text);
    core::Result<report::ReportDefinition> savedCurrent();
};

} // namespace ui
