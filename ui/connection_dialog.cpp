#include "connection_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "backends/databricks/databricks_connection.h"
#include "diagnostics_panel.h"
#include "workspace/workspace_session.h"

namespace ui {

namespace {

constexpr int kLocalRow = 0;

QString placeholderFor(const QString& fromProfile, const QString& fallback)
{
    return fromProfile.isEmpty() ? fallback : QObject::tr("%1 (from the profile)").arg(fromProfile);
}

} // namespace

ConnectionDialog::ConnectionDialog(core::WorkspaceSession& session, QWidget* parent)
    : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Connect to a Workspace"));
    setObjectName(QStringLiteral("connectionDialog"));

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("workspaceList"));
    m_list->setAccessibleName(tr("Workspaces"));
    m_list->setMinimumWidth(260);
    m_list->setIconSize(QSize(20, 20));
    m_source = new QLabel(this);
    m_source->setWordWrap(true);
    m_source->setStyleSheet(QStringLiteral("color: palette(dark);"));

    // Local page.
    auto* localPage = new QWidget(this);
    m_path = new QLineEdit(localPage);
    m_path->setAccessibleName(tr("Workspace file"));
    auto* browse = new QPushButton(tr("&Browse…"), localPage);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* localForm = new QFormLayout(localPage);
    auto* pathLabel = new QLabel(tr("Workspace &file:"), localPage);
    pathLabel->setBuddy(m_path);
    localForm->addRow(pathLabel, pathRow);
    auto* localNote =
        new QLabel(tr("The local workspace works offline. A file that does not exist yet is created "
                      "(empty) when you connect."),
                   localPage);
    localNote->setWordWrap(true);
    localForm->addRow(localNote);

    // Databricks page.
    auto* dbPage = new QWidget(this);
    m_profileSummary = new QLabel(dbPage);
    m_profileSummary->setWordWrap(true);
    m_profileSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto identifier =
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9_]*")), this);
    m_warehouse = new QLineEdit(dbPage);
    m_warehouse->setAccessibleName(tr("SQL warehouse id"));
    m_warehouse->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9]*")), this));
    m_catalog = new QLineEdit(dbPage);
    m_catalog->setAccessibleName(tr("Catalog"));
    m_catalog->setValidator(identifier);
    m_schema = new QLineEdit(dbPage);
    m_schema->setAccessibleName(tr("Schema"));
    m_schema->setValidator(identifier);
    auto* dbForm = new QFormLayout(dbPage);
    dbForm->addRow(m_profileSummary);
    dbForm->addRow(tr("SQL &warehouse:"), m_warehouse);
    dbForm->addRow(tr("&Catalog:"), m_catalog);
    dbForm->addRow(tr("&Schema:"), m_schema);
    auto* secretsNote =
        new QLabel(tr("Credentials stay in the profile or the environment; the app never stores "
                      "tokens or secrets in its settings."),
                   dbPage);
    secretsNote->setWordWrap(true);
    secretsNote->setStyleSheet(QStringLiteral("color: palette(dark);"));
    dbForm->addRow(secretsNote);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(localPage);
    m_pages->addWidget(dbPage);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("connectionProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_problem->setVisible(false);

    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setToolTip(tr("Run every diagnostic check on this connection without switching to it"));
    m_diagnostics = new DiagnosticsPanel(this);
    m_diagnostics->setVisible(false);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole)->setDefault(true);

    auto* right = new QVBoxLayout;
    right->addWidget(m_pages);
    right->addWidget(m_problem);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch(1);
    right->addLayout(testRow);
    right->addWidget(m_diagnostics, 1);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addWidget(m_source);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left);
    columns->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionDialog::onRowChanged);
    connect(browse, &QPushButton::clicked, this, &ConnectionDialog::browseForWorkspace);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    loadProfiles();
    select(session.choice());
    resize(880, 560);
}

ConnectionDialog::~ConnectionDialog()
{
    m_diagnostics->setConnection(nullptr);
}

void ConnectionDialog::loadProfiles()
{
    m_list->clear();
    auto* local =
        new QListWidgetItem(QIcon(QStringLiteral(":/icons/database.svg")), tr("Local workspace"), m_list);
    local->setToolTip(tr("The workspace file on this computer; works offline"));
    const QString file = m_session.resolver().configFilePath();
    auto profiles = m_session.resolver().listProfiles();
    if (!profiles) {
        m_source->setText(tr("The Databricks configuration %1 could not be read: %2")
                              .arg(QDir::toNativeSeparators(file), profiles.error().userMessage));
        return;
    }
    m_profiles = profiles.value();
    for (const auto& p : m_profiles) {
        QString text = p.name;
        if (p.isDefault)
            text += tr(" (default)");
        text += QStringLiteral("\n") + (p.host.isEmpty() ? tr("no host") : p.host);
        auto* item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/cloud.svg")), text, m_list);
        item->setToolTip(p.problem.isEmpty() ? tr("Databricks profile [%1], line %2").arg(p.name).arg(p.line)
                                             : p.problem);
        if (!p.problem.isEmpty())
            item->setForeground(QColor(0xb3, 0x26, 0x1e));
    }
    m_source->setText(
        m_profiles.isEmpty()
            ? tr("No Databricks profiles: add one to %1 (as the Databricks CLI does) to connect.")
                  .arg(QDir::toNativeSeparators(file))
            : tr("Profiles from %1").arg(QDir::toNativeSeparators(file)));
}

const core::DatabricksProfileInfo* ConnectionDialog::currentProfile() const
{
    const int row = m_list->currentRow();
    if (row <= kLocalRow || row - 1 >= m_profiles.size())
        return nullptr;
    return &m_profiles.at(row - 1);
}

void ConnectionDialog::select(const core::WorkspaceChoice& choice)
{
    m_localPath = choice.isLocal() ? choice.localPath : m_localPath;
    if (choice.isLocal() && !choice.localPath.isEmpty())
        m_path->setText(QDir::toNativeSeparators(choice.localPath));
    int row = kLocalRow;
    if (!choice.isLocal()) {
        for (int i = 0; i < m_profiles.size(); ++i) {
            if (m_profiles.at(i).name == choice.profile ||
                (choice.profile.isEmpty() && m_profiles.at(i).isDefault))
                row = i + 1;
        }
    }
    m_list->setCurrentRow(row);
    if (!choice.isLocal()) {
        m_warehouse->setText(choice.warehouseId);
        m_catalog->setText(choice.catalog);
        m_schema->setText(choice.schema);
    }
}

void ConnectionDialog::onRowChanged(int row)
{
    m_testConnection.reset();
    m_diagnostics->setConnection(nullptr);
    m_diagnostics->setVisible(false);
    m_problem->setVisible(false);
    const core::DatabricksProfileInfo* profile = currentProfile();
    m_pages->setCurrentIndex(row <= kLocalRow ? 0 : 1);
    m_test->setEnabled(profile != nullptr);
    if (!profile)
        return;
    m_profileSummary->setText(
        tr("<b>%1</b><br>Host: %2<br>Authentication: %3")
            .arg(profile->name.toHtmlEscaped(),
                 profile->host.isEmpty() ? tr("none") : profile->host.toHtmlEscaped(),
                 profile->authType.isEmpty() ? tr("not set") : profile->authType.toHtmlEscaped()));
    m_warehouse->clear();
    m_catalog->clear();
    m_schema->clear();
    m_warehouse->setPlaceholderText(placeholderFor(profile->warehouseId, tr("from DATABRICKS_WAREHOUSE_ID")));
    m_catalog->setPlaceholderText(placeholderFor(profile->catalog, QStringLiteral("main")));
    m_schema->setPlaceholderText(placeholderFor(profile->schema, QStringLiteral("ad_segments")));
    if (!profile->problem.isEmpty()) {
        m_problem->setText(tr("This profile cannot be used as it is: %1").arg(profile->problem));
        m_problem->setVisible(true);
    }
}

void ConnectionDialog::browseForWorkspace()
{
    const QString chosen =
        QFileDialog::getSaveFileName(this, tr("Workspace file"), m_path->text(),
                                     tr("Segment Builder workspaces (*.sqlite);;All files (*)"), nullptr,
                                     QFileDialog::DontConfirmOverwrite);
    if (!chosen.isEmpty())
        m_path->setText(QDir::toNativeSeparators(chosen));
}

core::WorkspaceChoice ConnectionDialog::choice() const
{
    const core::DatabricksProfileInfo* profile = currentProfile();
    if (!profile)
        return core::WorkspaceChoice::local(QDir::fromNativeSeparators(m_path->text().trimmed()));
    core::WorkspaceChoice c = core::WorkspaceChoice::databricks(profile->name);
    c.warehouseId = m_warehouse->text().trimmed();
    c.catalog = m_catalog->text().trimmed();
    c.schema = m_schema->text().trimmed();
    return c;
}

void ConnectionDialog::testConnection()
{
    m_problem->setVisible(false);
    m_diagnostics->setConnection(nullptr);
    m_testConnection.reset();
    auto connection = m_session.openConnection(choice());
    if (!connection) {
        showProblem(connection.error());
        m_diagnostics->setVisible(false);
        return;
    }
    m_testConnection = std::move(connection).value();
    m_diagnostics->setConnection(m_testConnection.get());
    m_diagnostics->setVisible(true);
    m_diagnostics->run();
}

void ConnectionDialog::showProblem(const core::Error& e)
{
    m_problem->setText(e.remediation.isEmpty() ? e.userMessage
                                               : tr("%1 %2").arg(e.userMessage, e.remediation));
    m_problem->setVisible(true);
}

void ConnectionDialog::accept()
{
    const core::WorkspaceChoice chosen = choice();
    if (chosen.isLocal() && chosen.localPath.isEmpty()) {
        showProblem(core::Error::validation(QStringLiteral("no_path"), tr("Choose a workspace file.")));
        return;
    }
    if (m_apply) {
        const core::Status applied = m_apply(chosen);
        if (!applied) {
            showProblem(applied.error());
            return;
        }
    }
    QDialog::accept();
}

} // namespace ui
