#include "workspace/diagnostics_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "backends/backend_diagnostics.h"
#include "common/theme.h"

namespace ui {

namespace {

QIcon iconFor(core::CheckStatus status)
{
    switch (status) {
    case core::CheckStatus::Ok:
        return Theme::icon(QStringLiteral("success"));
    case core::CheckStatus::Warning:
        return Theme::icon(QStringLiteral("warning"));
    case core::CheckStatus::Failed:
        return Theme::icon(QStringLiteral("error"));
    case core::CheckStatus::Skipped:
        return Theme::icon(QStringLiteral("info"));
    }
    return {};
}

} // namespace

DiagnosticsPanel::DiagnosticsPanel(QWidget* parent) : QWidget(parent)
{
    m_heading = new QLabel(this);
    m_heading->setWordWrap(true);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_settings = new QLabel(this);
    m_settings->setWordWrap(true);
    m_settings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_settings->setStyleSheet(QStringLiteral("color: palette(dark);"));

    m_checks = new QTreeWidget(this);
    m_checks->setObjectName(QStringLiteral("diagnosticChecks"));
    m_checks->setColumnCount(2);
    m_checks->setHeaderLabels({tr("Check"), tr("Result")});
    m_checks->setRootIsDecorated(false);
    m_checks->setUniformRowHeights(true);
    m_checks->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_checks->header()->setStretchLastSection(true);
    m_checks->setAccessibleName(tr("Diagnostic checks"));

    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("diagnosticDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a check to see its cause and fix."));
    m_detail->setMaximumHeight(140);

    m_runAgain = new QPushButton(Theme::icon(QStringLiteral("refresh")), tr("&Run checks"), this);
    m_copyFix = new QPushButton(tr("Copy &fix"), this);
    m_copyFix->setToolTip(
        tr("Copy the fix of the selected check (e.g. the GRANT statement) to the clipboard"));
    m_copyReport = new QPushButton(tr("Copy re&port"), this);
    m_provision = new QPushButton(tr("&Create tables"), this);
    m_provision->setToolTip(
        tr("Create the schema and every table the app needs (IF NOT EXISTS: existing data is kept)"));
    m_provision->setVisible(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_runAgain);
    buttons->addWidget(m_provision);
    buttons->addStretch(1);
    buttons->addWidget(m_copyFix);
    buttons->addWidget(m_copyReport);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_settings);
    layout->addWidget(m_checks, 1);
    layout->addWidget(m_detail);
    layout->addLayout(buttons);

    connect(m_runAgain, &QPushButton::clicked, this, &DiagnosticsPanel::run);
    connect(m_provision, &QPushButton::clicked, this, &DiagnosticsPanel::provision);
    connect(m_checks, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem* item) { showDetailOf(item ? m_checks->indexOfTopLevelItem(item) : -1); });
    connect(m_copyFix, &QPushButton::clicked, this, [this] {
        const int i = m_checks->indexOfTopLevelItem(m_checks->currentItem());
        if (i >= 0 && i < m_report.checks.size() && !m_report.checks.at(i).fix.isEmpty())
            QApplication::clipboard()->setText(m_report.checks.at(i).fix);
    });
    connect(m_copyReport, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(reportText()); });
    resetRows();
    setDiagnostics(nullptr);
}

DiagnosticsPanel::~DiagnosticsPanel() = default;

void DiagnosticsPanel::setDiagnostics(std::shared_ptr<core::BackendDiagnostics> diagnostics)
{
    m_diagnostics = std::move(diagnostics);
    ++m_runSequence; // a run of the previous workspace no longer reports here
    setRunning(false);
    m_report = {};
    resetRows();
    if (!m_diagnostics) {
        m_heading->setText(tr("The local workspace is a file on this computer: it needs no checks."));
        m_settings->clear();
    } else {
        m_heading->setText(m_diagnostics->title());
        m_settings->setText(m_diagnostics->settings().join(QLatin1Char('\n')));
    }
    m_runAgain->setEnabled(m_diagnostics != nullptr);
    m_provision->setVisible(false);
}

void DiagnosticsPanel::resetRows()
{
    m_checks->clear();
    if (!m_diagnostics)
        return;
    for (const auto& info : m_diagnostics->checks()) {
        auto* item = new QTreeWidgetItem(m_checks, {info.name, tr("not run")});
        item->setData(0, Qt::UserRole, info.id);
    }
    m_detail->clear();
}

void DiagnosticsPanel::setRunning(bool running)
{
    m_running = running;
    m_runAgain->setEnabled(!running && m_diagnostics);
    m_runAgain->setText(running ? tr("Checking…") : tr("&Run checks"));
}

void DiagnosticsPanel::run()
{
    if (!m_diagnostics || m_running)
        return;
    const quint64 sequence = ++m_runSequence;
    m_report = {};
    resetRows();
    setRunning(true);
    m_provision->setVisible(false);
    for (int i = 0; i < m_checks->topLevelItemCount(); ++i)
        m_checks->topLevelItem(i)->setText(1, tr("checking…"));
    const std::shared_ptr<core::BackendDiagnostics> diagnostics = m_diagnostics; // alive for the whole run
    QPointer<DiagnosticsPanel> self(this);
    diagnostics
        ->run([self, sequence](int index, const core::DiagnosticCheck& check) {
            if (self && sequence == self->m_runSequence)
                self->showCheck(index, check);
        })
        .then(this, [this, sequence, diagnostics](const core::DiagnosticsReport& report) {
            if (sequence != m_runSequence)
                return;
            m_report = report;
            for (int i = 0; i < report.checks.size(); ++i)
                showCheck(i, report.checks.at(i));
            setRunning(false);
            m_provision->setVisible(diagnostics->tablesMissing(report));
            if (const auto* failure = report.firstFailure()) {
                m_checks->setCurrentItem(m_checks->topLevelItem(int(failure - report.checks.constData())));
                m_heading->setText(tr("%1 — “%2” failed").arg(diagnostics->title(), failure->name));
            } else {
                m_heading->setText(tr("%1 — every check passed").arg(diagnostics->title()));
            }
            emit finished(report);
        });
}

void DiagnosticsPanel::showCheck(int index, const core::DiagnosticCheck& check)
{
    if (index < 0 || index >= m_checks->topLevelItemCount())
        return;
    if (m_report.checks.size() <= index)
        m_report.checks.resize(index + 1);
    m_report.checks[index] = check;
    QTreeWidgetItem* item = m_checks->topLevelItem(index);
    item->setIcon(0, iconFor(check.status));
    item->setText(0, check.name);
    item->setText(1, check.summary.isEmpty() ? core::checkStatusName(check.status) : check.summary);
    item->setData(1, Qt::UserRole, core::checkStatusName(check.status));
    item->setToolTip(1, check.summary);
    if (m_checks->currentItem() == item)
        showDetailOf(index);
}

void DiagnosticsPanel::showDetailOf(int index)
{
    if (index < 0 || index >= m_report.checks.size()) {
        m_detail->clear();
        m_copyFix->setEnabled(false);
        return;
    }
    const core::DiagnosticCheck& c = m_report.checks.at(index);
    QStringList lines{QStringLiteral("%1: %2").arg(c.name, core::checkStatusName(c.status))};
    if (!c.summary.isEmpty())
        lines << c.summary;
    if (!c.cause.isEmpty())
        lines << tr("Cause: %1").arg(c.cause);
    if (!c.fix.isEmpty())
        lines << tr("Fix: %1").arg(c.fix);
    if (!c.code.isEmpty())
        lines << tr("Code: %1").arg(c.code);
    m_detail->setPlainText(lines.join(QLatin1Char('\n')));
    m_copyFix->setEnabled(!c.fix.isEmpty());
}

QString DiagnosticsPanel::reportText() const
{
    QStringList lines{m_heading->text(), m_settings->text(), QString()};
    for (const auto& c : m_report.checks) {
        lines << QStringLiteral("[%1] %2 — %3").arg(core::checkStatusName(c.status), c.name, c.summary);
        if (!c.cause.isEmpty())
            lines << QStringLiteral("    cause: %1").arg(c.cause);
        if (!c.fix.isEmpty())
            lines << QStringLiteral("    fix: %1").arg(c.fix);
    }
    return lines.join(QLatin1Char('\n'));
}

void DiagnosticsPanel::provision()
{
    if (!m_diagnostics || m_running)
        return;
    setRunning(true);
    m_provision->setEnabled(false);
    m_detail->setPlainText(tr("Creating the schema and tables…"));
    const std::shared_ptr<core::BackendDiagnostics> diagnostics = m_diagnostics;
    diagnostics->provision().then(this, [this, diagnostics](const core::Result<QStringList>& done) {
        setRunning(false);
        m_provision->setEnabled(true);
        if (!done) {
            const core::Error& e = done.error();
            m_detail->setPlainText(
                tr("The tables could not be created: %1\n%2\n%3").arg(e.userMessage, e.remediation, e.detail));
            return;
        }
        m_detail->setPlainText(tr("Done: %1").arg(done.value().join(QStringLiteral(", "))));
        emit provisioned();
        run(); // show that it worked
    });
}

} // namespace ui
