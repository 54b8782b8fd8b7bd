#include "workspace/connection_dialog.h"

#include <QComboBox>
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

#include "backends/backend_diagnostics.h"
#include "backends/databricks/databricks_connection.h"
#include "backends/postgres/postgres_diagnostics.h"
#include "workspace/lakebase_connector.h"
#include "workspace/diagnostics_panel.h"
#include "workspace/workspace_session.h"
#include "common/theme.h"

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
    m_location = new QComboBox(dbPage);
    m_location->setObjectName(QStringLiteral("segmentsLocation"));
    m_location->setAccessibleName(tr("Where the segments are"));
    m_location->addItem(tr("Unity Catalog tables, through a SQL warehouse"));
    m_location->addItem(tr("A Lakebase database instance (managed PostgreSQL)"));
    m_warehouseFields = new QWidget(dbPage);
    auto* warehouseForm = new QFormLayout(m_warehouseFields);
    warehouseForm->setContentsMargins(0, 0, 0, 0);
    warehouseForm->addRow(tr("SQL &warehouse:"), m_warehouse);
    warehouseForm->addRow(tr("&Catalog:"), m_catalog);
    warehouseForm->addRow(tr("&Schema:"), m_schema);
    m_lakebaseFields = new QWidget(dbPage);
    m_instance = new QLineEdit(m_lakebaseFields);
    m_instance->setAccessibleName(tr("Database instance"));
    m_instance->setPlaceholderText(tr("e.g. segments-db"));
    m_database = new QLineEdit(m_lakebaseFields);
    m_database->setAccessibleName(tr("Database"));
    m_database->setPlaceholderText(QStringLiteral("databricks_postgres"));
    auto* lakebaseForm = new QFormLayout(m_lakebaseFields);
    lakebaseForm->setContentsMargins(0, 0, 0, 0);
    lakebaseForm->addRow(tr("Database &instance:"), m_instance);
    lakebaseForm->addRow(tr("&Database:"), m_database);
    auto* lakebaseNote = new QLabel(tr("You sign in with the profile's credentials as your own PostgreSQL role; the "
                                       "app asks Databricks for a database credential and renews it before it "
                                       "expires."),
                                    m_lakebaseFields);
    lakebaseNote->setWordWrap(true);
    lakebaseForm->addRow(lakebaseNote);
    auto* dbForm = new QFormLayout(dbPage);
    dbForm->addRow(m_profileSummary);
    dbForm->addRow(tr("Segments &in:"), m_location);
    dbForm->addRow(m_warehouseFields);
    dbForm->addRow(m_lakebaseFields);
    auto* secretsNote =
        new QLabel(tr("Credentials stay in the profile or the environment; the app never stores "
                      "tokens or secrets in its settings."),
                   dbPage);
    secretsNote->setWordWrap(true);
    secretsNote->setStyleSheet(QStringLiteral("color: palette(dark);"));
    dbForm->addRow(secretsNote);

    // PostgreSQL page.
    auto* pgPage = new QWidget(this);
    m_conninfo = new QLineEdit(pgPage);
    m_conninfo->setObjectName(QStringLiteral("postgresConnInfo"));
    m_conninfo->setAccessibleName(tr("PostgreSQL connection string"));
    m_conninfo->setPlaceholderText(QStringLiteral("host=db.example.com port=5432 dbname=segments user=sam"));
    auto* pgForm = new QFormLayout(pgPage);
    auto* pgTitle = new QLabel(tr("<b>PostgreSQL</b><br>A database shared by your team: segments, metrics and "
                                  "comparisons, with low-latency writes and no SQL warehouse."),
                               pgPage);
    pgTitle->setWordWrap(true);
    pgForm->addRow(pgTitle);
    pgForm->addRow(tr("Co&nnection:"), m_conninfo);
    auto* pgNote = new QLabel(tr("A libpq connection string or URI. The password comes from PGPASSWORD or "
                                 "~/.pgpass; one typed here is never stored."),
                              pgPage);
    pgNote->setWordWrap(true);
    pgNote->setStyleSheet(QStringLiteral("color: palette(dark);"));
    pgForm->addRow(pgNote);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(localPage);
    m_pages->addWidget(dbPage);
    m_pages->addWidget(pgPage);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("connectionProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::css(Theme::Role::ErrorText)));
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
    connect(m_location, &QComboBox::currentIndexChanged, this, [this] {
        clearTest();
        showLocation();
    });
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
    clearTest();
}

void ConnectionDialog::clearTest()
{
    ++m_testSequence; // a Lakebase test still preparing no longer reports here
    m_diagnostics->setDiagnostics(nullptr);
    m_testDiagnostics.reset();
    m_testAccess.reset();
    m_testConnection.reset();
}

int ConnectionDialog::postgresRow() const
{
    return static_cast<int>(m_profiles.size()) + 1;
}

void ConnectionDialog::showLocation()
{
    const bool lakebase = m_location->currentIndex() == 1;
    m_warehouseFields->setVisible(!lakebase);
    m_lakebaseFields->setVisible(lakebase);
}

void ConnectionDialog::loadProfiles()
{
    m_list->clear();
    auto* local =
        new QListWidgetItem(Theme::icon(QStringLiteral("database")), tr("Local workspace"), m_list);
    local->setToolTip(tr("The workspace file on this computer; works offline"));
    const QString file = m_session.resolver().configFilePath();
    auto profiles = m_session.resolver().listProfiles();
    if (!profiles) {
        m_source->setText(tr("The Databricks configuration %1 could not be read: %2")
                              .arg(QDir::toNativeSeparators(file), profiles.error().userMessage));
        addPostgresRow();
        return;
    }
    m_profiles = profiles.value();
    for (const auto& p : m_profiles) {
        QString text = p.name;
        if (p.isDefault)
            text += tr(" (default)");
        text += QStringLiteral("\n") + (p.host.isEmpty() ? tr("no host") : p.host);
        auto* item = new QListWidgetItem(Theme::icon(QStringLiteral("cloud")), text, m_list);
        item->setToolTip(p.problem.isEmpty() ? tr("Databricks profile [%1], line %2").arg(p.name).arg(p.line)
                                             : p.problem);
        if (!p.problem.isEmpty())
            item->setForeground(Theme::color(Theme::Role::ErrorText));
    }
    m_source->setText(
        m_profiles.isEmpty()
            ? tr("No Databricks profiles: add one to %1 (as the Databricks CLI does) to connect.")
                  .arg(QDir::toNativeSeparators(file))
            : tr("Profiles from %1").arg(QDir::toNativeSeparators(file)));
    addPostgresRow();
}

void ConnectionDialog::addPostgresRow()
{
    auto* item = new QListWidgetItem(Theme::icon(QStringLiteral("database")), tr("PostgreSQL\nshared database"), m_list);
    item->setToolTip(tr("A PostgreSQL database by its connection string (Lakebase: choose a Databricks profile)"));
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
    if (choice.kind == core::WorkspaceChoice::Kind::Postgres) {
        row = postgresRow();
        m_conninfo->setText(choice.conninfo);
    } else if (!choice.isLocal()) {
        for (int i = 0; i < m_profiles.size(); ++i) {
            if (m_profiles.at(i).name == choice.profile ||
                (choice.profile.isEmpty() && m_profiles.at(i).isDefault))
                row = i + 1;
        }
    }
    m_list->setCurrentRow(row);
    if (choice.isDatabricks()) {
        m_warehouse->setText(choice.warehouseId);
        m_catalog->setText(choice.catalog);
        m_schema->setText(choice.schema);
    } else if (choice.kind == core::WorkspaceChoice::Kind::Lakebase) {
        m_location->setCurrentIndex(1);
        m_instance->setText(choice.lakebaseInstance);
        m_database->setText(choice.lakebaseDatabase);
    }
}

void ConnectionDialog::onRowChanged(int row)
{
    clearTest();
    m_diagnostics->setVisible(false);
    m_problem->setVisible(false);
    const core::DatabricksProfileInfo* profile = currentProfile();
    const bool postgres = row == postgresRow();
    m_pages->setCurrentIndex(row <= kLocalRow ? 0 : postgres ? 2 : 1);
    m_test->setEnabled(profile != nullptr || postgres);
    if (!profile)
        return;
    showLocation();
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
    if (m_list->currentRow() == postgresRow())
        return core::WorkspaceChoice::postgres(m_conninfo->text());
    const core::DatabricksProfileInfo* profile = currentProfile();
    if (!profile)
        return core::WorkspaceChoice::local(QDir::fromNativeSeparators(m_path->text().trimmed()));
    if (m_location->currentIndex() == 1)
        return core::WorkspaceChoice::lakebase(profile->name, m_instance->text(), m_database->text());
    core::WorkspaceChoice c = core::WorkspaceChoice::databricks(profile->name);
    c.warehouseId = m_warehouse->text().trimmed();
    c.catalog = m_catalog->text().trimmed();
    c.schema = m_schema->text().trimmed();
    return c;
}

void ConnectionDialog::testConnection()
{
    m_problem->setVisible(false);
    clearTest();
    const core::WorkspaceChoice chosen = choice();
    if (chosen.kind == core::WorkspaceChoice::Kind::Postgres) {
        testPostgres(chosen);
        return;
    }
    auto connection = m_session.openConnection(chosen);
    if (!connection) {
        showProblem(connection.error());
        m_diagnostics->setVisible(false);
        return;
    }
    m_testConnection = std::move(connection).value();
    if (chosen.kind == core::WorkspaceChoice::Kind::Lakebase) {
        testLakebase(chosen);
        return;
    }
    // Not owned by the panel: the dialog keeps the test connection and clears the panel first.
    m_diagnostics->setDiagnostics(
        std::shared_ptr<core::BackendDiagnostics>(std::shared_ptr<core::BackendDiagnostics>{}, m_testConnection->diagnostics()));
    m_diagnostics->setVisible(true);
    m_diagnostics->run();
}

void ConnectionDialog::testPostgres(const core::WorkspaceChoice& chosen)
{
    if (chosen.conninfo.isEmpty()) {
        showProblem(core::Error::validation(QStringLiteral("no_conninfo"), tr("Enter the connection string of the database.")));
        return;
    }
    core::PgConnectionSettings settings;
    // The text as typed: a password in it is used for this test only (choice() never keeps it).
    settings.conninfo = m_conninfo->text().trimmed();
    showDiagnostics(std::make_unique<core::PostgresDiagnostics>(
        settings, tr("PostgreSQL %1").arg(chosen.conninfo),
        QStringLiteral("segctl --postgres '%1' provision").arg(chosen.conninfo)));
}

void ConnectionDialog::testLakebase(const core::WorkspaceChoice& chosen)
{
    if (chosen.lakebaseInstance.isEmpty()) {
        showProblem(core::Error::validation(QStringLiteral("no_instance"), tr("Enter the name of the database instance.")));
        return;
    }
    const quint64 sequence = m_testSequence;
    m_test->setEnabled(false);
    m_problem->setText(tr("Looking up the instance “%1”…").arg(chosen.lakebaseInstance));
    m_problem->setVisible(true);
    core::LakebaseConnector::prepare(*m_testConnection, chosen.lakebaseInstance, chosen.lakebaseDatabase)
        .then(this, [this, sequence, chosen](const core::Result<std::shared_ptr<core::LakebaseAccess>>& access) {
            if (sequence != m_testSequence)
                return;
            m_test->setEnabled(true);
            m_problem->setVisible(false);
            if (!access) {
                showProblem(access.error());
                return;
            }
            m_testAccess = access.value();
            showDiagnostics(std::make_unique<core::PostgresDiagnostics>(
                m_testAccess->settings, m_testAccess->displayName(),
                QStringLiteral("segctl --profile %1 --lakebase %2 provision").arg(chosen.profile, chosen.lakebaseInstance)));
        });
}

void ConnectionDialog::showDiagnostics(std::unique_ptr<core::BackendDiagnostics> diagnostics)
{
    m_testDiagnostics = std::move(diagnostics);
    m_diagnostics->setDiagnostics(
        std::shared_ptr<core::BackendDiagnostics>(std::shared_ptr<core::BackendDiagnostics>{}, m_testDiagnostics.get()));
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
    if (chosen.kind == core::WorkspaceChoice::Kind::Postgres && chosen.conninfo.isEmpty()) {
        showProblem(core::Error::validation(QStringLiteral("no_conninfo"), tr("Enter the connection string of the database.")));
        return;
    }
    if (chosen.kind == core::WorkspaceChoice::Kind::Lakebase && chosen.lakebaseInstance.isEmpty()) {
        showProblem(core::Error::validation(QStringLiteral("no_instance"), tr("Enter the name of the database instance.")));
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
