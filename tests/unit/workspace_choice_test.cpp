// WorkspaceChoice: what the app remembers about the workspace it opens, for every backend.
#include <gtest/gtest.h>

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include "workspace/workspace_choice.h"

namespace {

core::WorkspaceChoice roundTrip(const core::WorkspaceChoice& choice, QString* stored = nullptr)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    {
        QSettings settings(path, QSettings::IniFormat);
        choice.save(settings);
    }
    if (stored) {
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        *stored = QString::fromUtf8(f.readAll());
    }
    QSettings settings(path, QSettings::IniFormat);
    return core::WorkspaceChoice::load(settings);
}

} // namespace

TEST(WorkspaceChoice, EveryKindSurvivesSavingAndLoading)
{
    for (const auto& choice : {core::WorkspaceChoice::local(QStringLiteral("/tmp/ws.sqlite")),
                               core::WorkspaceChoice::databricks(QStringLiteral("prod")),
                               core::WorkspaceChoice::postgres(QStringLiteral("host=db.example.com dbname=segments user=sam")),
                               core::WorkspaceChoice::lakebase(QStringLiteral("prod"), QStringLiteral("segments-db"),
                                                               QStringLiteral("marketing"))}) {
        EXPECT_EQ(roundTrip(choice), choice) << choice.describe().toStdString();
    }
}

TEST(WorkspaceChoice, APasswordInAConnectionStringIsNeverKeptNorShown)
{
    const auto choice = core::WorkspaceChoice::postgres(QStringLiteral("host=db.example.com password=hunter2 dbname=segments"));
    EXPECT_TRUE(choice.isPostgres());
    EXPECT_FALSE(choice.conninfo.contains(QStringLiteral("hunter2"))) << choice.conninfo.toStdString();
    EXPECT_TRUE(choice.conninfo.contains(QStringLiteral("dbname=segments")));
    EXPECT_FALSE(choice.describe().contains(QStringLiteral("hunter2")));
    QString stored;
    roundTrip(choice, &stored);
    EXPECT_FALSE(stored.contains(QStringLiteral("hunter2"))) << stored.toStdString();

    // Even a choice filled in by hand is stored without it.
    core::WorkspaceChoice byHand;
    byHand.kind = core::WorkspaceChoice::Kind::Postgres;
    byHand.conninfo = QStringLiteral("postgresql://sam:hunter2@db.example.com/segments");
    roundTrip(byHand, &stored);
    EXPECT_FALSE(stored.contains(QStringLiteral("hunter2"))) << stored.toStdString();
    // Nor shown where the workspace is named (logs, the offline banner).
    EXPECT_FALSE(byHand.describe().contains(QStringLiteral("hunter2"))) << byHand.describe().toStdString();
    EXPECT_TRUE(byHand.describe().contains(QStringLiteral("db.example.com"))) << byHand.describe().toStdString();
}

TEST(WorkspaceChoice, LakebaseNamesItsInstanceAndDefaultsTheDatabase)
{
    const auto choice = core::WorkspaceChoice::lakebase(QStringLiteral("prod"), QStringLiteral(" segments-db "));
    EXPECT_TRUE(choice.isPostgres());
    EXPECT_FALSE(choice.isDatabricks());
    EXPECT_EQ(choice.lakebaseInstance, QStringLiteral("segments-db"));
    EXPECT_EQ(choice.lakebaseDatabaseName(), QStringLiteral("databricks_postgres"));
    EXPECT_EQ(choice.describe(), QStringLiteral("Lakebase instance “segments-db” (profile “prod”)"));
}

TEST(WorkspaceChoice, ASharedChoiceWithNothingToConnectToReadsAsTheLocalWorkspace)
{
    core::WorkspaceChoice empty;
    empty.kind = core::WorkspaceChoice::Kind::Postgres;
    EXPECT_TRUE(roundTrip(empty).isLocal());
    empty.kind = core::WorkspaceChoice::Kind::Lakebase;
    EXPECT_TRUE(roundTrip(empty).isLocal());
}
