#include "reports/reports_dialog.h"

#include "backends/report_scheduler.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QTimeEdit>
#include <QTimeZone>
#include <QUrl>
#include <QVBoxLayout>

#include "backends/backend.h"
#include "backends/segment_store.h"
#include "common/future_wait.h"
#include "report/report_collector.h"
#include "report/report_definition_file.h"
#include "report/report_html.h"
#include "report/report_timer.h"
#include "report/report_writer.h"
#include "workspace/workspace_choice.h"

namespace ui {

namespace {

const QStringList kSectionLabels{QObject::tr("KPIs with intervals"), QObject::tr("Charts"), QObject::tr("Forecasts"),
                                 QObject::tr("Comparison"), QObject::tr("Experiment results")};
const QStringList kFormatLabels{QStringLiteral("PDF"), QStringLiteral("HTML"), QStringLiteral("CSV")};

} // namespace

ReportsDialog::ReportsDialog(core::SegmentStore& store, AnalyticsSource source,
                             std::shared_ptr<const core::Catalogue> catalogue, QWidget* parent)
    : QDialog(parent), m_store(store), m_source(std::move(source)), m_catalogue(std::move(catalogue)),
      m_definitionsPath(report::ReportDefinitionFile::defaultPath()),
      m_segctl(QCoreApplication::applicationDirPath() + QStringLiteral("/segctl"))
{
    setWindowTitle(tr("Reports"));
    resize(1180, 760);
    auto* splitter = new QSplitter(this);

    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("&Reports of this workspace:"), left));
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("reportList"));
    qobject_cast<QLabel*>(leftLayout->itemAt(0)->widget())->setBuddy(m_list);
    leftLayout->addWidget(m_list, 1);
    auto* newButton = new QPushButton(tr("&New Report"), left);
    auto* deleteButton = new QPushButton(tr("&Delete…"), left);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(newButton);
    listButtons->addWidget(deleteButton);
    leftLayout->addLayout(listButtons);

    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    m_name = new QLineEdit(right);
    m_name->setPlaceholderText(tr("weekly-northwind (letters, digits, - and _)"));
    form->addRow(tr("&Name:"), m_name);
    m_advertiser = new QComboBox(right);
    form->addRow(tr("&Advertiser:"), m_advertiser);
    m_segments = new QListWidget(right);
    m_segments->setMaximumHeight(120);
    m_segments->setToolTip(tr("Tick the segments to report; none ticked: all of the advertiser's segments at each run"));
    form->addRow(tr("&Segments:"), m_segments);
    m_days = new QComboBox(right);
    for (int days : {7, 14, 28, 90})
        m_days->addItem(tr("Last %1 days").arg(days), days);
    m_days->setCurrentIndex(2);
    form->addRow(tr("&Range:"), m_days);
    auto* sections = new QHBoxLayout;
    for (const auto& label : kSectionLabels) {
        auto* box = new QCheckBox(label, right);
        box->setChecked(true);
        m_sections.append(box);
        sections->addWidget(box);
    }
    sections->addStretch();
    form->addRow(tr("Sections:"), sections);
    auto* formats = new QHBoxLayout;
    for (const auto& label : kFormatLabels) {
        auto* box = new QCheckBox(label, right);
        box->setChecked(true);
        m_formats.append(box);
        formats->addWidget(box);
    }
    formats->addStretch();
    form->addRow(tr("Formats:"), formats);
    auto* folderRow = new QHBoxLayout;
    m_folder = new QLineEdit(right);
    m_folder->setPlaceholderText(tr("A folder, or /Volumes/<catalog>/<schema>/<volume> on Databricks"));
    auto* browse = new QPushButton(tr("&Browse…"), right);
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    form->addRow(tr("Folder:"), folderRow);
    auto* scheduleRow = new QHBoxLayout;
    m_weekday = new QComboBox(right);
    for (const char* day : {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"})
        m_weekday->addItem(QString::fromLatin1(day));
    m_time = new QTimeEdit(QTime(8, 0), right);
    m_time->setDisplayFormat(QStringLiteral("HH:mm"));
    m_schedule = new QPushButton(tr("S&chedule Weekly"), right);
    m_unschedule = new QPushButton(tr("&Unschedule"), right);
    scheduleRow->addWidget(m_weekday);
    scheduleRow->addWidget(m_time);
    scheduleRow->addWidget(m_schedule);
    scheduleRow->addWidget(m_unschedule);
    scheduleRow->addStretch();
    form->addRow(tr("Every week:"), scheduleRow);
    rightLayout->addLayout(form);

    auto* actions = new QHBoxLayout;
    auto* saveButton = new QPushButton(tr("Sa&ve"), right);
    auto* previewButton = new QPushButton(tr("&Preview"), right);
    auto* sendButton = new QPushButton(tr("Send &Now"), right);
    sendButton->setToolTip(tr("Write the report into its folder now"));
    actions->addWidget(saveButton);
    actions->addWidget(previewButton);
    actions->addWidget(sendButton);
    actions->addStretch();
    rightLayout->addLayout(actions);
    m_status = new QLabel(right);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rightLayout->addWidget(m_status);
    m_preview = new QTextBrowser(right);
    m_preview->setObjectName(QStringLiteral("reportPreview"));
    m_preview->setPlaceholderText(tr("Preview shows the report here, as the PDF and HTML will have it."));
    rightLayout->addWidget(m_preview, 1);

    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(newButton, &QPushButton::clicked, this, &ReportsDialog::newDefinition);
    connect(deleteButton, &QPushButton::clicked, this, &ReportsDialog::removeCurrent);
    connect(saveButton, &QPushButton::clicked, this, &ReportsDialog::save);
    connect(previewButton, &QPushButton::clicked, this, &ReportsDialog::preview);
    connect(sendButton, &QPushButton::clicked, this, [this] { sendNow(); });
    connect(m_schedule, &QPushButton::clicked, this, &ReportsDialog::schedule);
    connect(m_unschedule, &QPushButton::clicked, this, &ReportsDialog::unschedule);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Report Folder"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    connect(m_advertiser, &QComboBox::currentIndexChanged, this, &ReportsDialog::loadSegments);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_definitions.size())
            showDefinition(m_definitions[row]);
    });
}

QStringList ReportsDialog::segctlArgumentsOf(const core::WorkspaceChoice& c)
{
    QStringList out;
    if (c.isLocal())
        return {QStringLiteral("--workspace"), QDir(c.localPath).absolutePath()};
    if (c.kind == core::WorkspaceChoice::Kind::Postgres)
        return {QStringLiteral("--postgres"), c.conninfo};
    if (!c.profile.isEmpty())
        out << QStringLiteral("--profile") << c.profile;
    if (c.kind == core::WorkspaceChoice::Kind::Lakebase) {
        out << QStringLiteral("--lakebase") << c.lakebaseInstance;
        if (!c.lakebaseDatabase.isEmpty())
            out << QStringLiteral("--database") << c.lakebaseDatabase;
        return out;
    }
    if (!c.warehouseId.isEmpty())
        out << QStringLiteral("--warehouse") << c.warehouseId;
    if (!c.catalog.isEmpty())
        out << QStringLiteral("--catalog") << c.catalog;
    if (!c.schema.isEmpty())
        out << QStringLiteral("--schema") << c.schema;
    return out;
}

void ReportsDialog::setDefinitionsFile(const QString& path)
{
    m_definitionsPath = path;
}

QString ReportsDialog::workspaceKey() const
{
    const AnalyticsBackend b = m_source ? m_source() : AnalyticsBackend{};
    if (!b.backend)
        return QStringLiteral("%1:%2").arg(m_store.backendKind(), m_store.displayName());
    return b.backend->kind() + QLatin1Char(':') + b.backend->displayName();
}

void ReportsDialog::setStatus(const QString& text)
{
    m_status->setText(text);
}

QString ReportsDialog::statusText() const
{
    return m_status->text();
}

void ReportsDialog::setCurrentAdvertiser(const QString& advertiserId)
{
    const int i = m_advertiser->findData(advertiserId);
    if (i >= 0 && m_list->currentRow() < 0)
        m_advertiser->setCurrentIndex(i);
}

void ReportsDialog::reload()
{
    auto advertisers = core::awaitFuture(m_store.listAdvertisers());
    if (!advertisers) {
        emit failed(advertisers.error(), tr("Could not load the advertisers"));
        return;
    }
    m_advertisers = advertisers.value();
    const QSignalBlocker block(m_advertiser);
    m_advertiser->clear();
    for (const auto& a : m_advertisers)
        m_advertiser->addItem(QStringLiteral("%1 (%2)").arg(a.name, a.currency), a.id);
    loadSegments();
    loadDefinitions();
}

void ReportsDialog::loadDefinitions(const QString& select)
{
    report::ReportDefinitionFile file(m_definitionsPath, workspaceKey());
    auto all = file.list();
    if (!all) {
        emit failed(all.error(), tr("Could not read the reports"));
        return;
    }
    m_definitions = all.value();
    const QSignalBlocker block(m_list);
    m_list->clear();
    int selected = -1;
    for (int i = 0; i < m_definitions.size(); ++i) {
        const auto& d = m_definitions[i];
        m_list->addItem(d.schedule ? QStringLiteral("%1 — %2").arg(d.name, d.schedule->describe()) : d.name);
        if (d.name.compare(select, Qt::CaseInsensitive) == 0)
            selected = i;
    }
    if (selected < 0 && !m_definitions.isEmpty())
        selected = 0;
    if (selected >= 0) {
        m_list->setCurrentRow(selected);
        showDefinition(m_definitions[selected]);
    } else {
        newDefinition();
    }
}

void ReportsDialog::loadSegments()
{
    m_segments->clear();
    core::SegmentQuery query;
    query.advertiserId = m_advertiser->currentData().toString();
    if (query.advertiserId.isEmpty())
        return;
    auto segments = core::awaitFuture(m_store.listSegments(query));
    if (!segments)
        return;
    for (const auto& s : segments.value()) {
        auto* item = new QListWidgetItem(s.name, m_segments);
        item->setData(Qt::UserRole, s.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
}

void ReportsDialog::showDefinition(const report::ReportDefinition& d)
{
    m_name->setText(d.name);
    const int a = m_advertiser->findData(d.advertiserId);
    if (a >= 0 && a != m_advertiser->currentIndex())
        m_advertiser->setCurrentIndex(a);
    for (int i = 0; i < m_segments->count(); ++i) {
        auto* item = m_segments->item(i);
        item->setCheckState(d.segmentIds.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    const int days = m_days->findData(d.lastDays);
    if (days < 0)
        m_days->addItem(tr("Last %1 days").arg(d.lastDays), d.lastDays);
    m_days->setCurrentIndex(m_days->findData(d.lastDays));
    const bool sections[] = {d.sections.kpis, d.sections.charts, d.sections.forecasts, d.sections.comparison,
                             d.sections.experiments};
    for (int i = 0; i < m_sections.size(); ++i)
        m_sections[i]->setChecked(sections[i]);
    const bool formats[] = {d.formats.pdf, d.formats.html, d.formats.csv};
    for (int i = 0; i < m_formats.size(); ++i)
        m_formats[i]->setChecked(formats[i]);
    m_folder->setText(d.outputFolder);
    if (d.schedule) {
        m_weekday->setCurrentIndex(d.schedule->weekday - 1);
        m_time->setTime(d.schedule->time);
    }
    m_unschedule->setEnabled(d.schedule.has_value());
    setStatus(d.schedule ? tr("Runs %1 (systemd timer %2.timer).").arg(d.schedule->describe(), report::ReportTimer::unitName(d.name))
                         : tr("Not scheduled."));
}

void ReportsDialog::newDefinition()
{
    const QSignalBlocker block(m_list);
    m_list->setCurrentRow(-1);
    report::ReportDefinition d;
    d.advertiserId = m_advertiser->currentData().toString();
    d.outputFolder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/Segment Reports");
    showDefinition(d);
    m_name->setFocus();
    setStatus(tr("A new report: give it a name and save it."));
}

core::Result<report::ReportDefinition> ReportsDialog::formDefinition() const
{
    report::ReportDefinition d;
    for (const auto& existing : m_definitions) {
        if (existing.name.compare(m_name->text().trimmed(), Qt::CaseInsensitive) == 0)
            d = existing;
    }
    d.name = m_name->text().trimmed();
    d.advertiserId = m_advertiser->currentData().toString();
    d.segmentIds.clear();
    for (int i = 0; i < m_segments->count(); ++i) {
        if (m_segments->item(i)->checkState() == Qt::Checked)
            d.segmentIds.append(m_segments->item(i)->data(Qt::UserRole).toString());
    }
    d.lastDays = m_days->currentData().toInt();
    d.sections = {m_sections[0]->isChecked(), m_sections[1]->isChecked(), m_sections[2]->isChecked(),
                  m_sections[3]->isChecked(), m_sections[4]->isChecked()};
    d.formats = {m_formats[0]->isChecked(), m_formats[1]->isChecked(), m_formats[2]->isChecked()};
    d.outputFolder = m_folder->text().trimmed();
    if (auto s = d.validate(); !s)
        return s.error();
    return d;
}

bool ReportsDialog::save()
{
    auto d = formDefinition();
    if (!d) {
        setStatus(d.error().userMessage);
        return false;
    }
    report::ReportDefinitionFile file(m_definitionsPath, workspaceKey());
    auto saved = file.save(d.value(), true);
    if (!saved) {
        setStatus(saved.error().userMessage);
        return false;
    }
    loadDefinitions(saved.value().name);
    setStatus(tr("Saved “%1”.").arg(saved.value().name));
    return true;
}

core::Result<report::ReportDefinition> ReportsDialog::savedCurrent()
{
    if (!save())
        return core::Error::validation(QStringLiteral("report_invalid"), statusText());
    return formDefinition();
}

bool ReportsDialog::selectReport(const QString& name)
{
    for (int i = 0; i < m_definitions.size(); ++i) {
        if (m_definitions[i].name.compare(name, Qt::CaseInsensitive) == 0) {
            m_list->setCurrentRow(i);
            showDefinition(m_definitions[i]);
            return true;
        }
    }
    return false;
}

bool ReportsDialog::preview()
{
    auto d = formDefinition();
    if (!d) {
        setStatus(d.error().userMessage);
        return false;
    }
    const AnalyticsBackend b = m_source ? m_source() : AnalyticsBackend{};
    if (!b.backend) {
        setStatus(tr("No workspace is open."));
        return false;
    }
    auto content = report::ReportCollector(*b.backend, m_catalogue).collect(d.value());
    if (!content) {
        setStatus(content.error().userMessage);
        return false;
    }
    const auto doc = report::ReportHtml::document(content.value());
    for (auto it = doc.images.cbegin(); it != doc.images.cend(); ++it)
        m_preview->document()->addResource(QTextDocument::ImageResource, QUrl(it.key()), it.value());
    m_preview->setHtml(doc.html);
    setStatus(tr("Preview of “%1”, %2.").arg(d.value().name, content.value().range.toString()));
    return true;
}

QStringList ReportsDialog::sendNow()
{
    auto d = savedCurrent();
    if (!d)
        return {};
    const AnalyticsBackend b = m_source ? m_source() : AnalyticsBackend{};
    if (!b.backend) {
        setStatus(tr("No workspace is open."));
        return {};
    }
    QProgressDialog progress(tr("Writing the report “%1”…").arg(d.value().name), tr("Cancel"), 0, 7, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    auto content = report::ReportCollector(*b.backend, m_catalogue)
                       .collect(d.value(), [&](int step, int steps, const QString& what) {
                           progress.setMaximum(steps + 1);
                           progress.setValue(step);
                           progress.setLabelText(what);
                           return !progress.wasCanceled();
                       });
    if (!content) {
        setStatus(content.error().userMessage);
        return {};
    }
    progress.setLabelText(tr("Writing the files"));
    if (d.value().writesToVolume()) {
        setStatus(tr("“%1” goes to a Databricks volume: run it with segctl --profile … reports run %1.").arg(d.value().name));
        return {};
    }
    auto written = report::ReportWriter().write(content.value());
    progress.setValue(progress.maximum());
    if (!written) {
        setStatus(written.error().userMessage);
        return {};
    }
    setStatus(tr("Wrote %1.").arg(written.value().join(QStringLiteral(", "))));
    emit succeeded(tr("Report “%1” written to %2").arg(d.value().name, d.value().outputFolder));
    return written.value();
}

void ReportsDialog::schedule()
{
    auto d = savedCurrent();
    if (!d)
        return;
    auto when = report::ReportSchedule::parse(m_weekday->currentText(), m_time->time().toString(QStringLiteral("HH:mm")));
    if (!when) {
        setStatus(when.error().userMessage);
        return;
    }
    if (d.value().writesToVolume() && m_reportJobs) {
        scheduleOnDatabricks(d.value(), when.value());
        return;
    }
    report::ReportTimer timer(m_segctl, m_workspaceArguments);
    auto installed = timer.install(d.value(), when.value());
    if (!installed) {
        setStatus(installed.error().userMessage);
        return;
    }
    report::ReportDefinition scheduled = d.value();
    scheduled.schedule = when.value();
    report::ReportDefinitionFile(m_definitionsPath, workspaceKey()).save(scheduled, true);
    loadDefinitions(scheduled.name);
    setStatus(installed.value().activated
                  ? tr("Scheduled %1; the timer is active.").arg(when.value().describe())
                  : tr("Scheduled %1 in %2. The timer is not active yet: systemctl --user answered “%3”.")
                        .arg(when.value().describe(), report::ReportTimer::unitDirectory(), installed.value().systemctl));
}

void ReportsDialog::scheduleOnDatabricks(const report::ReportDefinition& definition, const report::ReportSchedule& when)
{
    const core::ReportJobSpec spec = definition.jobSpec(when, QTimeZone::systemTimeZoneId());
    if (core::Status ok = spec.validate(); !ok) {
        setStatus(ok.error().userMessage);
        return;
    }
    m_schedule->setEnabled(false);
    setStatus(tr("Scheduling “%1” on Databricks…").arg(definition.name));
    m_reportJobs->schedule(spec).then(this, [this, definition, when, spec](const core::Result<core::ReportJob>& job) {
        m_schedule->setEnabled(true);
        if (!job) {
            setStatus(job.error().userMessage);
            emit failed(job.error(), tr("Could not schedule the report on Databricks"));
            return;
        }
        report::ReportDefinition scheduled = definition;
        scheduled.schedule = when;
        report::ReportDefinitionFile(m_definitionsPath, workspaceKey()).save(scheduled, true);
        loadDefinitions(scheduled.name);
        setStatus(tr("Scheduled %1 as Databricks job %2: it writes the daily figures as CSV into %3/.")
                      .arg(spec.describe())
                      .arg(job.value().id)
                      .arg(spec.outputDirectory()));
        emit succeeded(tr("Report “%1” scheduled on Databricks").arg(definition.name));
    });
}

void ReportsDialog::unschedule()
{
    auto d = formDefinition();
    if (!d) {
        setStatus(d.error().userMessage);
        return;
    }
    if (d.value().writesToVolume() && m_reportJobs) {
        setStatus(tr("Removing the report's Databricks job…"));
        m_reportJobs->remove(d.value().name).then(this, [this, plain = d.value()](const core::Status& removed) mutable {
            if (!removed) {
                setStatus(removed.error().userMessage);
                emit failed(removed.error(), tr("Could not unschedule the report"));
                return;
            }
            plain.schedule.reset();
            report::ReportDefinitionFile(m_definitionsPath, workspaceKey()).save(plain, true);
            loadDefinitions(plain.name);
            setStatus(tr("“%1” is no longer scheduled; its Databricks job is gone.").arg(plain.name));
        });
        return;
    }
    auto removed = report::ReportTimer(m_segctl, m_workspaceArguments).remove(d.value().name);
    if (!removed) {
        setStatus(removed.error().userMessage);
        return;
    }
    report::ReportDefinition plain = d.value();
    plain.schedule.reset();
    report::ReportDefinitionFile(m_definitionsPath, workspaceKey()).save(plain, true);
    loadDefinitions(plain.name);
    setStatus(tr("“%1” is no longer scheduled.").arg(plain.name));
}

void ReportsDialog::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_definitions.size())
        return;
    const auto d = m_definitions[row];
    if (QMessageBox::question(this, tr("Delete Report"), tr("Delete the report “%1” and its schedule? Files already written stay.").arg(d.name)) !=
        QMessageBox::Yes)
        return;
    if (report::ReportTimer::isInstalled(d.name))
        report::ReportTimer(m_segctl, m_workspaceArguments).remove(d.name);
    if (auto s = report::ReportDefinitionFile(m_definitionsPath, workspaceKey()).remove(d.name); !s) {
        setStatus(s.error().userMessage);
        return;
    }
    loadDefinitions();
}

} // namespace ui
