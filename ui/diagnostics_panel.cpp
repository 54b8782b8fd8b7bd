#include "diagnostics_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "backends/databricks/databricks_connection.h"
#include "databricks/diagnostics/doctor.h"
#include "databricks/provisioner.h"

namespace ui {

namespace {

QIcon iconFor(core::CheckStatus status)
{
    switch (status) {
    case core::CheckStatus::Ok:
        return QIcon(QStringLiteral(":/icons/success.svg"));
    case core::CheckStatus::Warning:
        return QIcon(QStringLiteral(":/icons/warning.svg"));
    case core::CheckStatus::Failed:
        return QIcon(QStringLiteral(":/icons/error.svg"));
    case core::CheckStatus::Skipped:
        return QIcon(QStringLiteral(":/icons/info.svg"));
    }
    return {};
}

bool tablesMissing(const core::DiagnosticsReport& report)
{
    for (const char* id : {"schema", "tables"}) {
        if (const auto* c = report.find(QString::fromLatin1(id)); c && c->status == core::CheckStatus::Failed)
            return true;
    }
    return false;
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

    m_runAgain = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("&Run checks"), this);
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
    setConnection(nullptr);
}

DiagnosticsPanel::~DiagnosticsPanel() = default;

void DiagnosticsPanel::setConnection(core::DatabricksConnection* connection)
{
    m_connection = connection;
    ++m_runSequence; // a run of the previous connection no longer reports here
    setRunning(false);
    m_report = {};
    resetRows();
    if (!connection) {
        m_heading->setText(tr("No Databricks connection is active: the local workspace needs no checks."));
        m_settings->clear();
    } else {
        m_heading->setText(tr("Databricks %1").arg(connection->displayName()));
        m_settings->setText(connection->config().describe().join(QLatin1Char('\n')));
    }
    m_runAgain->setEnabled(connection != nullptr);
    m_provision->setVisible(false);
}

void DiagnosticsPanel::resetRows()
{
    m_checks->clear();
    for (const auto& info : core::Doctor::checks()) {
        auto* item = new QTreeWidgetItem(m_checks, {info.name, tr("not run")});
        item->setData(0, Qt::UserRole, info.id);
    }
    m_detail->clear();
}

void DiagnosticsPanel::setRunning(bool running)
{
    m_running = running;
    m_runAgain->setEnabled(!running && m_connection);
    m_runAgain->setText(running ? tr("Checking…") : tr("&Run checks"));
}

void DiagnosticsPanel::run()
{
    if (!m_connection || m_running)
        return;
    const quint64 sequence = ++m_runSequence;
    m_report = {};
    resetRows();
    setRunning(true);
    m_provision->setVisible(false);
    core::Doctor* doctor = m_connection->doctor();
    auto* context = new QObject(this); // the signal connections of this run only
    connect(doctor, &core::Doctor::checkStarted, context,
            [this, sequence](int index, const QString&, const QString&) {
                if (sequence != m_runSequence || index >= m_checks->topLevelItemCount())
                    return;
                m_checks->topLevelItem(index)->setText(1, tr("checking…"));
            });
    connect(doctor, &core::Doctor::checkFinished, context,
            [this, sequence](int index, const core::DiagnosticCheck& check) {
                if (sequence == m_runSequence)
                    showCheck(index, check);
            });
    doctor->run().then(this, [this, sequence, context](const core::DiagnosticsReport& report) {
        context->deleteLater();
        if (sequence != m_runSequence)
            return;
        m_report = report;
        for (int i = 0; i < report.checks.size(); ++i)
            showCheck(i, report.checks.at(i));
        setRunning(false);
        m_provision->setVisible(tablesMissing(report));
        if (const auto* failure = report.firstFailure()) {
            m_checks->setCurrentItem(m_checks->topLevelItem(int(failure - report.checks.constData())));
            m_heading->setText(
                tr("Databricks %1 — “%2” failed")
                    .arg(m_connection ? m_connection->displayName() : QString(), failure->name));
        } else {
            m_heading->setText(tr("Databricks %1 — every check passed")
                                   .arg(m_connection ? m_connection->displayName() : QString()));
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
        lines << tr("Databricks code: %1").arg(c.code);
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
    if (!m_connection || m_running)
        return;
    setRunning(true);
    m_provision->setEnabled(false);
    m_detail->setPlainText(tr("Creating the schema and tables…"));
    core::DatabricksConnection* connection = m_connection;
    connection->provisioner()
        ->provision(connection->catalog(), connection->schema())
        .then(this, [this](const core::Result<QList<core::ProvisionStep>>& steps) {
            setRunning(false);
            m_provision->setEnabled(true);
            if (!steps) {
                const core::Error& e = steps.error();
                m_detail->setPlainText(tr("The tables could not be created: %1\n%2\n%3")
                                           .arg(e.userMessage, e.remediation, e.detail));
                return;
            }
            QStringList done;
            for (const auto& s : steps.value())
                done << (s.outcome == core::ProvisionStep::Outcome::Created ? tr("created %1")
                                                                            : tr("kept %1"))
                            .arg(s.object);
            m_detail->setPlainText(tr("Done: %1").arg(done.join(QStringLiteral(", "))));
            emit provisioned();
            run(); // show that it worked
        });
}

} // namespace ui
