// SqliteFunctions: the SQL functions the pipeline's SQLite rendering uses agree with the SQLite
// expressions they replace (NOT GLOB, and the date()/time()/strftime() test of an ISO 8601 time),
// input by input.
#include <gtest/gtest.h>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include "backends/sqlite/sqlite_functions.h"
#include "domain/experiment_assignment.h"

namespace {

// What the SQLite rendering of PipelineSql::utcTime() was before sb_utc_time().
const QString kSqliteUtcTime = QStringLiteral(
    "CASE WHEN :t GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]*' "
    "AND date(substr(:t, 1, 10), '+0 days') = substr(:t, 1, 10) "
    "AND time(substr(:t, 12, 8)) = substr(:t, 12, 8) THEN strftime('%Y-%m-%dT%H:%M:%SZ', :t) END");

class SqliteFunctions : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(QStringLiteral(":memory:"));
        ASSERT_TRUE(m_db.open());
        ASSERT_TRUE(core::SqliteFunctions::install(m_db));
    }
    void TearDown() override
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }

    // Both expressions over one bound :t, as text ("NULL" for NULL).
    std::pair<QString, QString> both(const QString& mine, const QString& theirs, const QVariant& t)
    {
        QSqlQuery q(m_db);
        EXPECT_TRUE(q.prepare(QStringLiteral("SELECT %1, %2").arg(mine, theirs)));
        q.bindValue(QStringLiteral(":t"), t);
        EXPECT_TRUE(q.exec());
        EXPECT_TRUE(q.next());
        auto text = [&](int i) {
            return q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString();
        };
        return {text(0), text(1)};
    }

    QString utcTime(const QString& t)
    {
        return both(QStringLiteral("sb_utc_time(:t)"), QStringLiteral("1"), t).first;
    }

    // The first column of a statement's first row, as text.
    QString scalar(const QString& sql)
    {
        QSqlQuery q(m_db);
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        EXPECT_TRUE(q.next());
        return q.value(0).isNull() ? QStringLiteral("NULL") : q.value(0).toString();
    }

    QSqlDatabase& db() { return m_db; }

private:
    QString m_name = QUuid::createUuid().toString();
    QSqlDatabase m_db;
};

// sb_contains(x, n) is `instr(x, n) > 0`, NULLs included, on the "|a|b|" lists and around them:
// the needle first, last, alone, overlapping a near miss, longer than the text, in UTF-8.
TEST_F(SqliteFunctions, ContainsSaysWhatInstrSays)
{
    const QList<QVariant> texts{QVariant(),
                                QString(QStringLiteral("")),
                                QStringLiteral("|sports|"),
                                QStringLiteral("|gaming.console|sports.soccer|travel|"),
                                QStringLiteral("|sports.socce|sports.soccer|"),
                                QStringLiteral("||sp|"),
                                QStringLiteral("|café|thé|"),
                                QStringLiteral("sports")};
    const QList<QVariant> needles{QVariant(),
                                  QString(QStringLiteral("")),
                                  QStringLiteral("|sports|"),
                                  QStringLiteral("|sports."),
                                  QStringLiteral("|travel|"),
                                  QStringLiteral("|sports.soccer|"),
                                  QStringLiteral("|thé|"),
                                  QStringLiteral("|gaming.console|sports.soccer|travel|x")};
    int found = 0;
    for (const auto& text : texts) {
        for (const auto& needle : needles) {
            QSqlQuery q(db());
            ASSERT_TRUE(q.prepare(QStringLiteral("SELECT sb_contains(:x, :n), instr(:x, :n) > 0")));
            q.bindValue(QStringLiteral(":x"), text);
            q.bindValue(QStringLiteral(":n"), needle);
            ASSERT_TRUE(q.exec());
            ASSERT_TRUE(q.next());
            EXPECT_EQ(q.value(0).isNull(), q.value(1).isNull()) << text.toString().toStdString() << " / "
                                                                 << needle.toString().toStdString();
            EXPECT_EQ(q.value(0).toInt(), q.value(1).toInt()) << text.toString().toStdString() << " / "
                                                              << needle.toString().toStdString();
            found += q.value(0).toInt();
        }
    }
    EXPECT_GT(found, 10); // not a function that always says no
}

TEST_F(SqliteFunctions, OnlyCharactersSaysWhatNotGlobSays)
{
    const QStringList texts{QString(),
                            QString(QStringLiteral("")),
                            QStringLiteral("abc"),
                            QStringLiteral("sports.football|travel_2"),
                            QStringLiteral("Sports"),
                            QStringLiteral("a b"),
                            QStringLiteral("a-b"),
                            QStringLiteral("caf\u00e9"),
                            QStringLiteral("]"),
                            QStringLiteral("^"),
                            QStringLiteral("0123456789"),
                            QStringLiteral("12a"),
                            QStringLiteral("*"),
                            QStringLiteral("[0-9]")};
    for (const QString& cls : {QStringLiteral("0-9"), QStringLiteral("a-z0-9_.|")}) {
        for (const auto& t : texts) {
            const auto [mine, theirs] =
                both(QStringLiteral("sb_only_characters(:t, '%1')").arg(cls),
                     QStringLiteral(":t NOT GLOB '*[^%1]*'").arg(cls), t.isNull() ? QVariant() : QVariant(t));
            EXPECT_EQ(mine, theirs) << "class " << cls.toStdString() << ", text '" << t.toStdString() << "'";
        }
    }
}

TEST_F(SqliteFunctions, UtcTimeGivesWhatSqlitesDateFunctionsGive)
{
    const QStringList days{
        QStringLiteral("2026-03-01"), QStringLiteral("2024-02-29"), QStringLiteral("2026-02-29"),
        QStringLiteral("2026-04-31"), QStringLiteral("2026-13-01"), QStringLiteral("2026-00-10"),
        QStringLiteral("2026-12-31"), QStringLiteral("0000-01-01"), QStringLiteral("9999-12-31"),
        QStringLiteral("2000-02-29"), QStringLiteral("1900-02-29"), QStringLiteral("2026-1-01")};
    const QStringList separators{QStringLiteral("T"), QStringLiteral(" "), QStringLiteral("t"),
                                 QStringLiteral("_")};
    const QStringList times{QStringLiteral("00:00:00"), QStringLiteral("23:59:59"),
                            QStringLiteral("12:60:00"), QStringLiteral("12:00:60"),
                            QStringLiteral("07:5:00"),  QStringLiteral("01:30:15")};
    const QStringList fractions{
        QString(),           QStringLiteral(".5"),   QStringLiteral(".123456789"), QStringLiteral(".9999999"),
        QStringLiteral("."), QStringLiteral(".12.3")};
    const QStringList zones{QString(),
                            QStringLiteral("Z"),
                            QStringLiteral("z"),
                            QStringLiteral("+00:00"),
                            QStringLiteral("-02:00"),
                            QStringLiteral("+05:45"),
                            QStringLiteral("+14:59"),
                            QStringLiteral("+15:00"),
                            QStringLiteral("-00:60"),
                            QStringLiteral("+5:00"),
                            QStringLiteral("+0500"),
                            QStringLiteral(" Z"),
                            QStringLiteral("\t+01:00"),
                            QStringLiteral("Z\t"),
                            QStringLiteral("ZZ"),
                            QStringLiteral("x")};
    int compared = 0;
    for (const auto& day : days)
        for (const auto& sep : separators)
            for (const auto& time : times)
                for (const auto& fraction : fractions)
                    for (const auto& zone : zones) {
                        const QString t = day + sep + time + fraction + zone;
                        const auto [mine, theirs] =
                            both(QStringLiteral("sb_utc_time(:t)"), kSqliteUtcTime, t);
                        EXPECT_EQ(mine, theirs) << t.toStdString();
                        ++compared;
                    }
    EXPECT_EQ(compared, 12 * 4 * 6 * 6 * 16);
    for (const QString& t :
         {QStringLiteral(""), QStringLiteral("2026-03-01"), QStringLiteral("2026-03-01T10:00"),
          QStringLiteral("yesterday"), QStringLiteral("2026-03-01T10:00:00+01:00:00")}) {
        const auto [mine, theirs] = both(QStringLiteral("sb_utc_time(:t)"), kSqliteUtcTime, t);
        EXPECT_EQ(mine, theirs) << t.toStdString();
    }
}

TEST_F(SqliteFunctions, UtcTimeShiftsZonesAcrossDaysAndYears)
{
    EXPECT_EQ(utcTime(QStringLiteral("2026-03-01T23:30:00-02:00")), QStringLiteral("2026-03-02T01:30:00Z"));
    EXPECT_EQ(utcTime(QStringLiteral("2025-01-01 00:15:00+01:00")), QStringLiteral("2024-12-31T23:15:00Z"));
    EXPECT_EQ(utcTime(QStringLiteral("2024-02-28T23:00:00.75-01:00")),
              QStringLiteral("2024-02-29T00:00:00Z"));
    EXPECT_EQ(utcTime(QStringLiteral("9999-12-31T23:30:00-01:00")), QStringLiteral("NULL")); // past year 9999
    EXPECT_EQ(both(QStringLiteral("sb_utc_time(:t)"), QStringLiteral("1"), QVariant()).first,
              QStringLiteral("NULL"));
}

TEST_F(SqliteFunctions, UtcTimeRefusesHour24WhichStrftimeLetThrough)
{
    // strftime() kept "24:30:00" as it was; Databricks' TIMESTAMP refuses it, and so does this.
    EXPECT_EQ(utcTime(QStringLiteral("2026-03-01T24:30:00Z")), QStringLiteral("NULL"));
    EXPECT_EQ(utcTime(QStringLiteral("2026-03-01T24:00:00")), QStringLiteral("NULL"));
}

TEST_F(SqliteFunctions, GrowthBookBucketIsExperimentAssignmentsForAsciiAndOtherText)
{
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_growthbook_bucket('seed', 'a')")), QStringLiteral("505"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_growthbook_bucket('exp-2025-q3-banner', 'user-42')")), QStringLiteral("9178"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_growthbook_bucket(NULL, 'a')")), QStringLiteral("NULL"));
    // Beyond ASCII the function goes through UTF-16, as GrowthBook's JavaScript does.
    for (const QString& id : {QStringLiteral("josé"), QStringLiteral("用户-7"), QStringLiteral("emoji-😀")}) {
        QSqlQuery q(db());
        ASSERT_TRUE(q.prepare(QStringLiteral("SELECT sb_growthbook_bucket(:s, :u)")));
        q.bindValue(QStringLiteral(":s"), QStringLiteral("k"));
        q.bindValue(QStringLiteral(":u"), id);
        ASSERT_TRUE(q.exec() && q.next());
        EXPECT_EQ(q.value(0).toInt(), core::ExperimentAssignment::bucket(QStringLiteral("k"), id)) << id.toStdString();
    }
    // The ASCII fast path equals the UTF-16 one on many ids.
    for (int i = 0; i < 2000; ++i) {
        const QString id = QStringLiteral("user-%1-x").arg(i * 7919);
        EXPECT_EQ(core::ExperimentAssignment::bucketOfAscii("seed.7", id.toStdString()),
                  core::ExperimentAssignment::bucket(QStringLiteral("seed.7"), id));
    }
    EXPECT_FALSE(core::ExperimentAssignment::bucketOfAscii("seed", "jos\xc3\xa9").has_value());
}

TEST_F(SqliteFunctions, SumsByGroupsLikeGroupByAndReadsBackThroughJsonEach)
{
    QSqlQuery q(db());
    ASSERT_TRUE(q.exec(QStringLiteral("CREATE TABLE t (day TEXT, arm INTEGER, n INTEGER, x REAL)")));
    ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO t VALUES ('2026-03-02', 1, 2, 0.5), ('2026-03-01', 0, 1, NULL), "
                                      "('2026-03-02', 1, 3, 0.25), ('2026-03-01', -1, NULL, 1.0), ('a\"b', 0, 7, 0)")));
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_sums_by(day, arm, n, x) FROM t")),
              QStringLiteral(R"([["2026-03-01",-1,0,1],["2026-03-01",0,1,0],["2026-03-02",1,5,0.75],["a\"b",0,7,0]])"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_sums_by(day, arm, n) FROM t WHERE 0")), QStringLiteral("[]"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_sums_by(NULL, arm, 1) FROM t")), QStringLiteral("[[null,-1,1],[null,0,2],[null,1,2]]"));
    // The same rows as GROUP BY, through json_each.
    EXPECT_EQ(scalar(QStringLiteral("SELECT group_concat(r, ';') FROM (SELECT json_extract(j.value, '$[0]') || '/' || "
                                    "json_extract(j.value, '$[1]') || '/' || json_extract(j.value, '$[2]') AS r FROM "
                                    "json_each((SELECT sb_sums_by(day, arm, n) FROM t)) j)")),
              scalar(QStringLiteral("SELECT group_concat(r, ';') FROM (SELECT day || '/' || arm || '/' || COALESCE(SUM(n), 0) "
                                    "AS r FROM t GROUP BY day, arm ORDER BY day, CAST(arm AS TEXT))")));
}

} // namespace

// sb_list_of lists the distinct values in byte order; merging two of its lists with sb_list_union
// gives the list of all their values, as one sb_list_of over both would.
TEST_F(SqliteFunctions, ListOfSortsDistinctValuesAndListUnionMergesTwoLists)
{
    QSqlQuery q(db());
    ASSERT_TRUE(q.exec(QStringLiteral("CREATE TABLE t (person INTEGER, device TEXT, part INTEGER)")));
    ASSERT_TRUE(q.exec(QStringLiteral(
        "INSERT INTO t VALUES (1, 'tablet', 0), (1, 'mobile', 0), (1, 'tablet', 1), (1, 'desktop', 1), "
        "(1, NULL, 1), (2, 'ctv', 0), (2, 'Ctv', 1), (3, NULL, 0), (4, 'thé', 0), (4, 'the', 1)")));
    EXPECT_EQ(scalar(QStringLiteral("SELECT group_concat(l, ' ') FROM (SELECT person || ':' || COALESCE(sb_list_of(device), "
                                    "'NULL') AS l FROM t GROUP BY person ORDER BY person)")),
              QStringLiteral("1:|desktop|mobile|tablet| 2:|Ctv|ctv| 3:NULL 4:|the|thé|"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_list_of(device) FROM t WHERE 0")), QStringLiteral("NULL"));
    // The union of the two parts' lists is the list of everything, person by person.
    EXPECT_EQ(scalar(QStringLiteral(
                  "SELECT COUNT(*) FROM (SELECT person, sb_list_union((SELECT sb_list_of(device) FROM t a WHERE a.person "
                  "= p.person AND a.part = 0), (SELECT sb_list_of(device) FROM t b WHERE b.person = p.person AND "
                  "b.part = 1)) AS merged, sb_list_of(device) AS whole FROM t p GROUP BY person) WHERE merged IS NOT "
                  "whole")),
              QStringLiteral("0"));
    // Unsorted input, repeats and empty pieces; NULL only when both are.
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_list_union('|tablet|mobile|', '||mobile|ctv')")),
              QStringLiteral("|ctv|mobile|tablet|"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_list_union(NULL, '|b|a|')")), QStringLiteral("|a|b|"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_list_union('|', '')")), QStringLiteral("|"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT sb_list_union(NULL, NULL)")), QStringLiteral("NULL"));
}
