#include "activation/activation_panel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QShowEvent>
#include <QHeaderView>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

#include "activation/audience_normaliser.h"
#include "activation/sync/audience_sync_state.h"
#include "activation/sync/destination_sync_job.h"
#include "backends/audience_store.h"
#include "common/form_style.h"
#include "common/plural.h"
#include "common/theme.h"
#include "common/view_message.h"
#include "offline/outbox_segment_store.h"

namespace ui {

namespace {

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString percentOf(qint64 part, qint64 whole)
{
    if (whole <= 0)
        return QStringLiteral("—");
    return QLocale().toString(100.0 * static_cast<double>(part) / static_cast<double>(whole), 'f', 1) +
           QStringLiteral(" %");
}

QString fileNameFor(const core::Segment& segment, core::AudiencePlatform platform)
{
    QString base = segment.name;
    for (QChar& c : base)
        if (!c.isLetterOrNumber())
            c = QLatin1Char('-');
    return QStringLiteral("%1-%2.csv").arg(base.toLower(), core::audiencePlatformKey(platform));
}

} // namespace

ActivationPanel::ActivationPanel(QWidget* parent) : QWidget(parent)
{
    m_chooseSaveFile = [this](const QString& title, const QString& suggested, const QString& filter) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        return QFileDialog::getSaveFileName(this, title, QDir(dir).filePath(suggested), filter);
    };
    m_confirmForce = [this](const QString& question) {
        return QMessageBox::warning(this, tr("Export a small audience?"), question,
                                    QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
    };

    m_title = new QLabel(this);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_subtitle = makeHint(tr("Send the segment's people to an ad platform as a customer list. Their e-mail "
                             "addresses, phone numbers and names are normalised and SHA-256 hashed on this "
                             "computer: plain identifiers never leave it."),
                          this);
    m_subtitle->setWordWrap(true);

    m_platformBox = new QComboBox(this);
    m_platformBox->addItem(core::audiencePlatformName(core::AudiencePlatform::Google),
                           static_cast<int>(core::AudiencePlatform::Google));
    m_platformBox->addItem(core::audiencePlatformName(core::AudiencePlatform::Meta),
                           static_cast<int>(core::AudiencePlatform::Meta));
    m_platformBox->setAccessibleName(tr("Ad platform"));
    auto* platformLabel = new QLabel(tr("&Platform:"), this);
    platformLabel->setBuddy(m_platformBox);
    m_rules = makeHint(QString(), this);
    connect(m_platformBox, &QComboBox::currentIndexChanged, this, [this](int) {
        setPlatform(static_cast<core::AudiencePlatform>(m_platformBox->currentData().toInt()));
    });

    m_message = new ViewMessage(this);
    m_export = new QPushButton(Theme::icon(QStringLiteral("export")), tr("&Export File…"), this);
    m_export->setToolTip(tr("Write the platform's customer-list file (hashed) for upload in its web interface"));
    connect(m_export, &QPushButton::clicked, this, &ActivationPanel::exportFile);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_progress->setTextVisible(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setToolTip(tr("Stop writing: no file is left behind"));
    m_stop->setVisible(false);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_cancelled)
            m_cancelled->store(true);
    });

    auto* platformRow = new QHBoxLayout;
    platformRow->addWidget(platformLabel);
    platformRow->addWidget(m_platformBox);
    platformRow->addWidget(m_rules, 1);

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_export);
    actions->addWidget(m_progress, 1);
    actions->addWidget(m_stop);
    actions->addStretch(1);

    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(16, 12, 12, 12);
    layout->setSpacing(10);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addLayout(platformRow);
    layout->addWidget(m_message);
    layout->addWidget(buildPreflightBox());
    layout->addLayout(actions);
    layout->addWidget(buildSyncBox());
    layout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    clearPreflight(tr("Select a saved segment to see who of its people can be reached on an ad platform."));
}

ActivationPanel::~ActivationPanel() = default;

QWidget* ActivationPanel::buildSyncBox()
{
    m_syncBox = new QWidget(this);
    auto* box = new QVBoxLayout(m_syncBox);
    box->setContentsMargins(0, 8, 0, 0);
    box->addWidget(makeSectionHeader(tr("Sync to the platform"), m_syncBox));
    box->addWidget(makeHint(tr("Keeps a platform audience equal to the segment: the first sync creates it, later "
                               "ones send only who joined or left since. Add a destination with `segctl "
                               "destinations add google|meta NAME --account ID`."),
                            m_syncBox));
    m_destinationBox = new QComboBox(m_syncBox);
    m_destinationBox->setAccessibleName(tr("Destination"));
    m_destinationBox->setMinimumContentsLength(24);
    auto* destinationLabel = new QLabel(tr("&Destination:"), m_syncBox);
    destinationLabel->setBuddy(m_destinationBox);
    m_sync = new QPushButton(Theme::icon(QStringLiteral("refresh")), tr("S&ync Now"), m_syncBox);
    m_sync->setToolTip(tr("Send the difference since the last sync to the destination's audience"));
    m_cancelSync = new QPushButton(tr("Stop"), m_syncBox);
    m_cancelSync->setToolTip(tr("Stop after the request in flight; the next sync carries on from there"));
    m_cancelSync->setVisible(false);
    m_syncProgress = new QProgressBar(m_syncBox);
    m_syncProgress->setVisible(false);
    m_destinationNote = makeHint(QString(), m_syncBox);
    connect(m_sync, &QPushButton::clicked, this, &ActivationPanel::syncNow);
    connect(m_cancelSync, &QPushButton::clicked, this, &ActivationPanel::cancelSync);
    connect(m_destinationBox, &QComboBox::currentIndexChanged, this, [this](int) { showHistory(); });
    auto* row = new QHBoxLayout;
    row->addWidget(destinationLabel);
    row->addWidget(m_destinationBox);
    row->addWidget(m_sync);
    row->addWidget(m_cancelSync);
    row->addWidget(m_syncProgress, 1);
    row->addStretch(1);
    m_syncProgress->setMinimumWidth(220);
    box->addLayout(row);
    box->addWidget(m_destinationNote);
    m_history = new QTableWidget(0, 6, m_syncBox);
    m_history->setHorizontalHeaderLabels(
        {tr("When"), tr("Result"), tr("Added"), tr("Removed"), tr("Rejected"), tr("Message")});
    m_history->setAccessibleName(tr("Sync history"));
    m_history->verticalHeader()->setVisible(false);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->setMinimumHeight(140);
    box->addWidget(m_history);
    m_syncBox->setVisible(false);
    return m_syncBox;
}

void ActivationPanel::setServices(ActivationServices services)
{
    m_services = std::move(services);
    m_syncBox->setVisible(m_services.state != nullptr);
    refreshDestinations();
}

void ActivationPanel::refreshDestinations()
{
    if (!m_services.state)
        return;
    const QString chosen = m_destinationBox->currentText();
    const QSignalBlocker quiet(m_destinationBox);
    m_destinationBox->clear();
    auto listed = m_services.state->destinations();
    if (!listed) {
        emit failed(listed.error(), tr("Could not read the destinations"));
        return;
    }
    for (const core::DestinationConfig& d : listed.value())
        if (d.platform == m_platform)
            m_destinationBox->addItem(d.name);
    if (const int i = m_destinationBox->findText(chosen); i >= 0)
        m_destinationBox->setCurrentIndex(i);
    if (m_destinationBox->count() == 0)
        m_destinationNote->setText(tr("No %1 destination yet: add one with `segctl destinations add %2 NAME "
                                      "--account ID`, then press Sync Now here.")
                                       .arg(core::audiencePlatformName(m_platform),
                                            core::audiencePlatformKey(m_platform)));
    showHistory();
}

void ActivationPanel::showHistory()
{
    m_history->setRowCount(0);
    updateButtons();
    if (!m_services.state || m_destinationBox->currentText().isEmpty())
        return;
    auto destination = m_services.state->destination(m_destinationBox->currentText());
    if (!destination)
        return;
    const core::DestinationConfig& d = destination.value();
    if (d.audienceId.isEmpty())
        m_destinationNote->setText(tr("Account %1 · the audience is created by the first sync.").arg(d.accountId));
    else
        m_destinationNote->setText(tr("Account %1 · audience %2%3")
                                       .arg(d.accountId, d.audienceId,
                                            !d.segmentId.isEmpty() && m_segment && d.segmentId != m_segment->id
                                                ? tr(" · mirrors another segment")
                                                : QString()));
    auto runs = m_services.state->history(d.id, 20);
    if (!runs)
        return;
    for (const core::SyncRun& run : runs.value()) {
        const int r = m_history->rowCount();
        m_history->insertRow(r);
        const QString when = QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat);
        const QStringList cells{when,
                                core::syncRunStateKey(run.state),
                                count(run.added),
                                count(run.removed),
                                count(run.rejected),
                                run.message};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            if (c == 1 && run.state != core::SyncRunState::Succeeded && run.state != core::SyncRunState::Running)
                item->setForeground(Theme::color(Theme::Role::ErrorText));
            if (c >= 2 && c <= 4)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_history->setItem(r, c, item);
        }
    }
    m_history->resizeColumnsToContents();
}

void ActivationPanel::updateButtons()
{
    m_export->setEnabled(!m_loading && !m_exporting && m_prepared && m_prepared->rows > 0);
    m_sync->setEnabled(!m_loading && !m_syncing && m_audience && m_segment && m_destinationBox->count() > 0 &&
                       m_preflight && !m_preflight->blocked());
    m_sync->setToolTip(m_preflight && m_preflight->blocked()
                           ? tr("Too few people can be matched for the platform to use the audience")
                           : tr("Send the difference since the last sync to the destination's audience"));
}

void ActivationPanel::syncNow()
{
    if (m_syncing || !m_services.state || !m_audience || !m_segment || m_destinationBox->currentText().isEmpty())
        return;
    const QString destination = m_destinationBox->currentText();
    const QString context = tr("Could not sync “%1” to %2").arg(m_segment->name, destination);
    auto normaliser = core::AudienceNormaliser::forPlatform(m_platform);
    if (!normaliser) {
        emit failed(normaliser.error(), context);
        return;
    }
    auto shared = std::make_shared<const core::AudienceNormaliser>(std::move(normaliser).value());
    m_syncing = true;
    m_cancelSync->setVisible(true);
    m_syncProgress->setVisible(true);
    m_syncProgress->setRange(0, 0);
    m_syncProgress->setFormat(tr("Preparing…"));
    updateButtons();
    emit busyChanged();
    const core::AudienceSource source = *m_audience;
    const core::Segment segment = *m_segment;
    QtConcurrent::run([shared, source] { return core::AudienceExport(shared).normalise(source.members, source.people); })
        .then(this, [this, destination, context, segment](core::Result<core::NormalisedAudience> audience) {
            if (!m_syncing)
                return; // stopped while preparing
            if (!audience) {
                syncFinished(audience.error(), destination);
                return;
            }
            auto* job = new core::DestinationSyncJob(m_services.state, m_services.secrets, m_services.endpoints,
                                                      m_services.network, {}, this);
            m_job = job;
            connect(job, &core::DestinationSyncJob::progress, this, [this](const core::AudienceSyncProgress& p) {
                m_syncProgress->setRange(0, std::max(1, p.rowsTotal));
                m_syncProgress->setValue(p.rowsDone);
                m_syncProgress->setFormat(tr("%1 of %2 rows").arg(count(p.rowsDone), count(p.rowsTotal)));
            });
            core::AudienceSyncRequest request;
            request.destinationName = destination;
            request.segmentId = segment.id;
            request.audienceName = segment.name;
            request.rows = std::move(audience.value().rows);
            job->start(std::move(request)).then(this, [this, destination, job](const core::Result<core::AudienceSyncReport>& report) {
                job->deleteLater();
                syncFinished(report, destination);
            });
        });
}

void ActivationPanel::cancelSync()
{
    if (m_job)
        m_job->cancel();
    else if (m_syncing)
        syncFinished(core::Error{core::ErrorKind::Cancelled, 0, QStringLiteral("cancelled"),
                                 tr("The sync was stopped before anything was sent."), {}, {}},
                     m_destinationBox->currentText());
}

void ActivationPanel::syncFinished(const core::Result<core::AudienceSyncReport>& report, const QString& destination)
{
    if (!m_syncing)
        return;
    m_syncing = false;
    m_job = nullptr;
    m_cancelSync->setVisible(false);
    m_syncProgress->setVisible(false);
    emit busyChanged();
    const QString context = tr("Could not sync to %1").arg(destination);
    if (!report) {
        emit failed(report.error(), context);
    } else if (report.value().succeeded()) {
        const auto& r = report.value();
        emit succeeded(tr("Synced to %1: %2 added, %3 removed; the audience holds %4.")
                           .arg(destination, count(r.added), count(r.removed),
                                core::countOf(r.plan.sizeAfter(), tr("row"), tr("rows"))));
    } else {
        const auto& r = report.value();
        core::Error e = r.error.value_or(core::Error{core::ErrorKind::Remote, 0, QStringLiteral("sync_") + core::syncRunStateKey(r.state),
                                                     tr("The sync ended %1.").arg(core::syncRunStateKey(r.state)),
                                                     {}, {}});
        if (e.remediation.isEmpty())
            e.remediation = tr("Press Sync Now again: what the platform acknowledged is kept and only the rest is sent.");
        emit failed(e, tr("The sync to %1 did not finish (%2 added, %3 removed)")
                           .arg(destination, count(r.added), count(r.removed)));
    }
    refreshDestinations();
}

QWidget* ActivationPanel::buildPreflightBox()
{
    m_preflightBox = new QWidget(this);
    auto* box = new QVBoxLayout(m_preflightBox);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(makeSectionHeader(tr("Before sending"), m_preflightBox));
    auto* figures = new QFormLayout;
    m_members = new QLabel(m_preflightBox);
    m_withIdentifiers = new QLabel(m_preflightBox);
    m_matchable = new QLabel(m_preflightBox);
    QFont strong = m_matchable->font();
    strong.setBold(true);
    m_matchable->setFont(strong);
    figures->addRow(tr("People in the segment:"), m_members);
    figures->addRow(tr("With identifiers:"), m_withIdentifiers);
    figures->addRow(tr("Can be matched (rows sent):"), m_matchable);
    box->addLayout(figures);
    m_findings = new QLabel(m_preflightBox);
    m_findings->setWordWrap(true);
    m_findings->setTextFormat(Qt::RichText);
    box->addWidget(m_findings);
    box->addWidget(makeSectionHeader(tr("Coverage per key"), m_preflightBox));
    box->addWidget(makeHint(tr("How many of the segment's people carry each key the platform matches on."),
                            m_preflightBox));
    m_coverage = new QVBoxLayout;
    m_coverage->setSpacing(4);
    box->addLayout(m_coverage);
    m_leftOut = new QLabel(m_preflightBox);
    m_leftOut->setWordWrap(true);
    m_leftOut->setTextFormat(Qt::RichText);
    box->addWidget(m_leftOut);
    return m_preflightBox;
}

void ActivationPanel::showSegment(const core::Segment* segment)
{
    const bool same = segment && m_segment && m_segment->id == segment->id && m_segment->version == segment->version;
    if (segment)
        m_segment = *segment;
    else
        m_segment.reset();
    m_title->setText(segment ? tr("Activate “%1”").arg(segment->name) : tr("Activate"));
    if (same)
        return;
    m_stale = true;
    if (!segment) {
        ++m_generation;
        setLoading(false);
        clearPreflight(tr("Select a saved segment to see who of its people can be reached on an ad platform."));
        return;
    }
    if (isVisible())
        load();
}

void ActivationPanel::setPlatform(core::AudiencePlatform platform)
{
    const int index = m_platformBox->findData(static_cast<int>(platform));
    if (m_platformBox->currentIndex() != index)
        m_platformBox->setCurrentIndex(index); // comes back here through the signal
    if (platform == m_platform && !m_stale)
        return;
    m_platform = platform;
    m_stale = true;
    refreshDestinations();
    if (isVisible() && m_segment)
        load();
}

void ActivationPanel::reload()
{
    m_stale = true;
    m_audience.reset();
    if (m_segment)
        load();
}

void ActivationPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale && m_segment && !m_loading)
        load();
}

void ActivationPanel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    updateButtons();
    emit busyChanged();
}

void ActivationPanel::clearPreflight(const QString& message)
{
    m_preflight.reset();
    m_prepared.reset();
    m_preflightBox->setVisible(false);
    updateButtons();
    if (message.isEmpty())
        m_message->clearMessage();
    else
        m_message->showInfo(message);
}

void ActivationPanel::load()
{
    if (!m_segment)
        return;
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    const QString context = tr("Could not work out the audience of “%1”").arg(m_segment->name);
    if (!backend.audiences) {
        core::Error e = core::Error::notFound(tr("No workspace is open."));
        e.remediation = tr("Wait for it to open, or choose one with Connection ▸ Connect to Workspace.");
        if (backend.offline) // who is in the segment is read from the workspace when the sync runs
            e = core::offlineUnavailable(tr("Working out the audience"));
        clearPreflight(QString());
        m_message->showError(e, context);
        return;
    }
    m_stale = false;
    const int generation = ++m_generation;
    const core::AudiencePlatform platform = m_platform;
    auto normaliser = core::AudienceNormaliser::forPlatform(platform);
    if (!normaliser) {
        m_message->showError(normaliser.error(), context);
        return;
    }
    auto shared = std::make_shared<const core::AudienceNormaliser>(std::move(normaliser).value());
    m_rules->setText(tr("Rules: %1").arg(shared->profile().describe()));
    setLoading(true);
    m_message->showInfo(tr("Working out who can be matched on %1…").arg(core::audiencePlatformName(platform)));

    auto prepare = [this, generation, shared, context](const core::AudienceSource& source) {
        QtConcurrent::run([shared, source] { return core::AudienceExport(shared).prepare(source.members, source.people); })
            .then(this, [this, generation, context](core::Result<core::PreparedAudience> prepared) {
                if (generation != m_generation)
                    return;
                setLoading(false);
                if (!prepared) {
                    clearPreflight(QString());
                    m_message->showError(prepared.error(), context);
                    emit failed(prepared.error(), context);
                    return;
                }
                m_prepared = std::make_shared<core::PreparedAudience>(std::move(prepared).value());
                m_message->clearMessage();
                showPreflight(m_prepared->preflight);
            });
    };
    if (m_audience && m_audience->segmentId == m_segment->id) {
        prepare(*m_audience);
        return;
    }
    core::readAudienceSource(*backend.audiences, m_segment->id, this)
        .then(this, [this, generation, context, prepare, owner = backend.owner](
                        const core::Result<core::AudienceSource>& source) {
            if (generation != m_generation)
                return;
            if (!source) {
                setLoading(false);
                clearPreflight(QString());
                m_message->showError(source.error(), context);
                emit failed(source.error(), context);
                return;
            }
            m_audience = source.value();
            prepare(source.value());
        });
}

void ActivationPanel::showPreflight(const core::AudiencePreflight& p)
{
    m_preflight = p;
    m_preflightBox->setVisible(true);
    m_members->setText(count(p.members));
    m_withIdentifiers->setText(tr("%1 (%2)").arg(count(p.membersWithIdentifiers), percentOf(p.membersWithIdentifiers, p.members)));
    m_matchable->setText(tr("%1 (%2)").arg(count(p.matchableMembers), percentOf(p.matchableMembers, p.members)));

    QStringList findings;
    for (const auto& f : p.findings) {
        const Theme::Role role = f.severity == core::AudiencePreflight::Severity::Blocking ? Theme::Role::ErrorText
                                 : f.severity == core::AudiencePreflight::Severity::Advice ? Theme::Role::WarningText
                                                                                            : Theme::Role::MutedText;
        const QString mark = f.severity == core::AudiencePreflight::Severity::Blocking ? QStringLiteral("✖")
                             : f.severity == core::AudiencePreflight::Severity::Advice ? QStringLiteral("▲")
                                                                                        : QStringLiteral("•");
        findings.append(QStringLiteral("<span style='color:%1'>%2 %3</span>")
                            .arg(Theme::css(role), mark, f.message.toHtmlEscaped()));
    }
    m_findings->setText(findings.join(QStringLiteral("<br>")));
    m_findings->setVisible(!findings.isEmpty());

    while (QLayoutItem* item = m_coverage->takeAt(0)) {
        if (QLayout* row = item->layout()) {
            while (QLayoutItem* inner = row->takeAt(0)) {
                delete inner->widget();
                delete inner;
            }
        }
        delete item->widget();
        delete item;
    }
    for (const auto& c : p.coverage) {
        auto* row = new QHBoxLayout;
        auto* label = new QLabel(c.column, m_preflightBox);
        label->setMinimumWidth(90);
        auto* bar = new QProgressBar(m_preflightBox);
        bar->setRange(0, 1000);
        bar->setValue(static_cast<int>(c.percent * 10.0 + 0.5));
        bar->setFormat(tr("%1 (%2)").arg(count(c.values), percentOf(c.values, p.members)));
        bar->setAccessibleName(tr("%1 coverage").arg(c.column));
        bar->setMaximumHeight(18);
        row->addWidget(label);
        row->addWidget(bar, 1);
        m_coverage->addLayout(row);
    }
    QStringList left;
    for (const auto& l : p.leftOut)
        left.append(tr("%1: %2 %3").arg(l.column.toHtmlEscaped(), count(l.count),
                                        core::dropReasonText(l.reason).toHtmlEscaped()));
    m_leftOut->setText(left.isEmpty() ? QString()
                                      : QStringLiteral("<b>%1</b><br>%2").arg(tr("Left out (never sent):"),
                                                                              left.join(QStringLiteral("<br>"))));
    m_leftOut->setVisible(!left.isEmpty());
    updateButtons();
    showHistory();
}

void ActivationPanel::exportFile()
{
    if (!m_prepared || !m_segment || m_exporting)
        return;
    const auto prepared = m_prepared;
    const QString context = tr("Could not export the audience of “%1”").arg(m_segment->name);
    if (prepared->preflight.blocked()) {
        QStringList reasons;
        for (const auto& f : prepared->preflight.findings)
            if (f.severity == core::AudiencePreflight::Severity::Blocking)
                reasons.append(f.message);
        if (!m_confirmForce(tr("%1\n\nExport the file anyway?").arg(reasons.join(QLatin1Char('\n')))))
            return;
    }
    const QString path = m_chooseSaveFile(tr("Export Audience File"), fileNameFor(*m_segment, m_platform),
                                          tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    m_exporting = true;
    m_export->setEnabled(false);
    emit busyChanged();
    m_progress->setRange(0, static_cast<int>(std::min<qint64>(prepared->rows, INT_MAX)));
    m_progress->setValue(0);
    m_progress->setFormat(tr("Writing %p %"));
    m_progress->setVisible(true);
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    m_cancelled = cancelled;
    m_stop->setVisible(true);
    QPointer<QProgressBar> bar = m_progress;
    QtConcurrent::run([prepared, path, cancelled, bar] {
        return core::AudienceExport::write(*prepared, path, [cancelled, bar](qint64 done, qint64) {
            if (bar)
                QMetaObject::invokeMethod(bar, [bar, done] {
                    if (bar)
                        bar->setValue(static_cast<int>(std::min<qint64>(done, INT_MAX)));
                });
            return !cancelled->load();
        });
    }).then(this, [this, path, prepared, context](const core::Status& written) {
        m_stop->setVisible(false);
        m_cancelled.reset();
        m_exporting = false;
        m_progress->setVisible(false);
        m_export->setEnabled(m_prepared && m_prepared->rows > 0);
        emit busyChanged();
        if (!written) {
            emit failed(written.error(), context);
            return;
        }
        emit succeeded(tr("Wrote %1 for %2 to %3.")
                           .arg(core::countOf(prepared->rows, tr("row"), tr("rows")),
                                core::audiencePlatformName(m_platform), QDir::toNativeSeparators(path)));
    });
}

} // namespace ui
