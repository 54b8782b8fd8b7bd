// The Activate tab on a real demo workspace (synthetic identifiers): the pre-flight shows the
// segment's people and who can be matched, Export File… writes the platform's hashed file with
// exactly its header and without a plain identifier, a blocked audience asks first, and Stop
// leaves no file.
#include <QComboBox>
#include <QFile>
#include <QTableWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>

#include "activation/activation_panel.h"
#include "analytics_window.h"
#include "segments/segment_views.h"

namespace {

class ActivationPanelTest : public uitest::AnalyticsWindowTest
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        open(makeWorkspace(), QString());
        m_window->showView(ui::SegmentViews::View::Activate);
        panel().setSaveFileChooser([this](const QString&, const QString&, const QString&) { return m_file; });
    }

    virtual std::unique_ptr<uitest::TempWorkspace> makeWorkspace() { return uitest::TempWorkspace::smallDemo(); }

    ui::ActivationPanel& panel() { return *m_window->views()->activation(); }

    // A segment of the shown advertiser with the most people.
    QString biggestSegment()
    {
        QString best;
        qint64 most = -1;
        QAbstractItemModel& rows = *m_window->listPane()->proxy();
        for (int r = 0; r < rows.rowCount(); ++r) {
            const qint64 reach = rows.index(r, ui::SegmentListModel::Reach).data(ui::SegmentListModel::SortRole).toLongLong();
            if (reach > most) {
                most = reach;
                best = rows.index(r, ui::SegmentListModel::Name).data().toString();
            }
        }
        return best;
    }

    // Plain e-mails of the workspace's customer_identifiers (read with SQL, as a check).
    QStringList plainEmails()
    {
        QStringList out;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(m_workspace->path());
            EXPECT_TRUE(db.open());
            QSqlQuery q(db);
            EXPECT_TRUE(q.exec(QStringLiteral("SELECT email FROM customer_identifiers WHERE email <> '' LIMIT 200")));
            while (q.next())
                out.append(q.value(0).toString().trimmed());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        return out;
    }

    QTemporaryDir m_dir;
    QString m_file;
};

} // namespace

TEST_F(ActivationPanelTest, ThePreflightCountsTheSegmentsPeopleAndTheFileHoldsOnlyHashes)
{
    const QString name = biggestSegment();
    ASSERT_FALSE(name.isEmpty());
    activate(name);
    TRY_VERIFY_WITH_TIMEOUT(!panel().isBusy() && panel().preflight().has_value(), 20000);
    const core::AudiencePreflight preflight = *panel().preflight();
    EXPECT_EQ(preflight.platform, core::AudiencePlatform::Google);
    EXPECT_GT(preflight.members, 0);
    EXPECT_LE(preflight.matchableMembers, preflight.membersWithIdentifiers);
    EXPECT_LE(preflight.membersWithIdentifiers, preflight.members);
    ASSERT_EQ(preflight.coverage.size(), 6);

    m_file = m_dir.filePath(QStringLiteral("google.csv"));
    // The demo's segments are small: below Google's 100 the user is asked first.
    bool asked = false;
    panel().setForceConfirmer([&asked](const QString& question) {
        asked = true;
        EXPECT_TRUE(question.contains(QStringLiteral("100")));
        return true;
    });
    ASSERT_TRUE(panel().exportButton()->isEnabled());
    panel().exportButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(!panel().isBusy(), 20000);
    EXPECT_EQ(asked, preflight.blocked());
    QFile f(m_file);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const QList<QByteArray> lines = bytes.trimmed().split('\n');
    EXPECT_EQ(lines.first().trimmed(), QByteArray("Email,Phone,First Name,Last Name,Country,Zip"));
    EXPECT_EQ(lines.size() - 1, preflight.matchableMembers);
    const QStringList emails = plainEmails();
    ASSERT_FALSE(emails.isEmpty());
    for (const QString& e : emails) {
        EXPECT_FALSE(bytes.contains(e.toUtf8())) << "plain e-mail in the file";
        EXPECT_FALSE(bytes.contains(e.toLower().toUtf8())) << "plain e-mail in the file";
    }
    EXPECT_TRUE(hasToastContaining(QStringLiteral("google.csv")));
}

TEST_F(ActivationPanelTest, MetaHasItsOwnColumnsAndARefusedForceWritesNothing)
{
    activate(biggestSegment());
    panel().setPlatform(core::AudiencePlatform::Meta);
    TRY_VERIFY_WITH_TIMEOUT(!panel().isBusy() && panel().preflight() &&
                                panel().preflight()->platform == core::AudiencePlatform::Meta,
                            20000);
    ASSERT_EQ(panel().preflight()->coverage.size(), 9);
    EXPECT_EQ(panel().preflight()->coverage.first().column, QStringLiteral("email"));
    if (!panel().preflight()->blocked())
        GTEST_SKIP() << "the demo segment is large enough not to be blocked";
    m_file = m_dir.filePath(QStringLiteral("meta.csv"));
    panel().setForceConfirmer([](const QString&) { return false; });
    panel().exportButton()->click();
    QTest::qWait(50);
    EXPECT_FALSE(QFile::exists(m_file));
}

// --- Sync Now against the Google Data Manager emulator ------------------------------------------

#include <QNetworkAccessManager>

#include "activation/sync/audience_sync_state.h"
#include "activation/sync/destination_credentials.h"
#include "databricks/auth/memory_secret_store.h"
#include "google_data_manager_emulator.h"

namespace {

const QString kCustomer = QStringLiteral("1234567890");
const QString kClientId = QStringLiteral("ui-test.apps.googleusercontent.com");
const QString kClientSecret = QStringLiteral("GOCSPX-ui-test-secret");
const QString kRefreshToken = QStringLiteral("1//ui-test-refresh-token");

class ActivationSyncTest : public ActivationPanelTest
{
protected:
    // Enough people that the biggest segment passes Google's minimum of 100.
    std::unique_ptr<uitest::TempWorkspace> makeWorkspace() override { return uitest::TempWorkspace::busyDemo(); }

    void SetUp() override
    {
        ActivationPanelTest::SetUp();
        ASSERT_TRUE(m_google.listen());
        m_google.addOAuthClient(kClientId, kClientSecret);
        m_google.addRefreshToken(kRefreshToken);
        m_google.addCustomer(kCustomer);
        auto state = core::AudienceSyncState::open(m_dir.filePath(QStringLiteral("activation.sqlite")));
        ASSERT_TRUE(state) << state.error().toString().toStdString();
        m_state = std::move(state).value();
        core::DestinationConfig d;
        d.name = QStringLiteral("Google main");
        d.platform = core::AudiencePlatform::Google;
        d.accountId = kCustomer;
        ASSERT_TRUE(m_state->addDestination(d));
        core::DestinationCredentials c;
        c.clientId = kClientId;
        c.clientSecret = kClientSecret;
        c.refreshToken = kRefreshToken;
        ASSERT_TRUE(core::awaitFuture(core::DestinationCredentialStore(m_secrets).write(d.name, c)).ok());
        core::DestinationEndpoints endpoints;
        endpoints.googleDataManager = m_google.baseUrl();
        endpoints.googleToken = m_google.tokenUrl();
        panel().setServices({m_state.get(), &m_secrets, endpoints, &m_network});
    }

    adplatform::GoogleDataManagerEmulator m_google;
    std::unique_ptr<core::AudienceSyncState> m_state;
    core::MemorySecretStore m_secrets;
    QNetworkAccessManager m_network;
};

} // namespace

TEST_F(ActivationSyncTest, SyncNowSendsTheFilesRowsAndASecondSyncSendsNothingNew)
{
    ASSERT_EQ(panel().destinationBox()->count(), 1);
    activate(biggestSegment());
    TRY_VERIFY_WITH_TIMEOUT(!panel().isBusy() && panel().preflight().has_value(), 20000);
    if (panel().preflight()->blocked())
        GTEST_SKIP() << "the demo's biggest segment has fewer than 100 people who can be matched";
    ASSERT_TRUE(panel().syncButton()->isEnabled());
    panel().syncButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(!panel().isBusy(), 30000);
    EXPECT_TRUE(hasToastContaining(QStringLiteral("Synced to Google main"))) << "no success toast";
    const QStringList lists = m_google.userListIds(kCustomer);
    ASSERT_EQ(lists.size(), 1);
    EXPECT_EQ(m_google.members(lists.first()).size(), panel().preflight()->matchableMembers);
    ASSERT_EQ(panel().historyTable()->rowCount(), 1);
    EXPECT_EQ(panel().historyTable()->item(0, 1)->text(), QStringLiteral("succeeded"));

    // Nothing changed: the second sync adds and removes nothing.
    panel().syncButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(!panel().isBusy(), 30000);
    EXPECT_EQ(panel().historyTable()->rowCount(), 2);
    EXPECT_EQ(panel().historyTable()->item(0, 2)->text(), QStringLiteral("0"));
    EXPECT_EQ(panel().historyTable()->item(0, 3)->text(), QStringLiteral("0"));
}
