// The fast JSON_ARRAY row reader agrees with QJsonDocument and rejects malformed input.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "databricks/statement/json_array_rows.h"
#include "databricks/statement/statement_response.h"

namespace {

TEST(JsonArrayRows, ReadsStringsNullsEscapesAndUnicode)
{
    const QByteArray json =
        R"([["a", null, "q\"uote\\ \/ \n\t", "\u00e9\u65e5\ud83d\ude00", "ünï", 12, true], []])";
    QString error;
    auto parsed = core::JsonArrayRows::parse(json, 0, &error);
    ASSERT_TRUE(parsed) << error.toStdString();
    ASSERT_EQ(parsed->rows.size(), 2);
    const auto& row = parsed->rows[0];
    ASSERT_EQ(row.size(), 7);
    EXPECT_EQ(row[0].toString(), QStringLiteral("a"));
    EXPECT_TRUE(row[1].isNull());
    EXPECT_EQ(row[2].toString(), QStringLiteral("q\"uote\\ / \n\t"));
    EXPECT_EQ(row[3].toString(), QString::fromUtf8("é日😀"));
    EXPECT_EQ(row[4].toString(), QString::fromUtf8("ünï"));
    EXPECT_EQ(row[5].toString(), QStringLiteral("12"));
    EXPECT_EQ(row[6].toString(), QStringLiteral("true"));
    EXPECT_TRUE(parsed->rows[1].isEmpty());
    EXPECT_EQ(parsed->end, json.size());
}

TEST(JsonArrayRows, MalformedInputIsAnErrorWithAPosition)
{
    for (const char* bad :
         {R"([["a")", R"([["a" "b"]])", R"([["a\q"]])", R"([[a]])", R"({"x":1})", R"([["\u12"]])"}) {
        QString error;
        EXPECT_FALSE(core::JsonArrayRows::parse(QByteArray(bad), 0, &error)) << bad;
        EXPECT_NE(error.indexOf(QStringLiteral("byte")), -1) << bad;
    }
}

TEST(JsonArrayRows, LocatesTheRowsOfAResponseOrAChunkButNotTextThatLooksLikeThem)
{
    const QByteArray response =
        R"({"statement_id":"x","note":"\"data_array\": [[\"fake\"]]","status":{"state":"SUCCEEDED"},"result":{"chunk_index":0,"data_array":[["real"]]}})";
    auto begin = core::JsonArrayRows::locateDataArray(response);
    ASSERT_TRUE(begin);
    auto rows = core::JsonArrayRows::parse(response, *begin, nullptr);
    ASSERT_TRUE(rows);
    EXPECT_EQ(response.mid(*begin, rows->end - *begin), QByteArray(R"([["real"]])"));
    const QByteArray chunk = R"({"chunk_index":3,"data_array":[["c"]],"next_chunk_index":4})";
    auto chunkBegin = core::JsonArrayRows::locateDataArray(chunk);
    ASSERT_TRUE(chunkBegin);
    auto chunkRows = core::JsonArrayRows::parse(chunk, *chunkBegin, nullptr);
    ASSERT_TRUE(chunkRows);
    EXPECT_EQ(chunk.mid(*chunkBegin, chunkRows->end - *chunkBegin), QByteArray(R"([["c"]])"));
    EXPECT_FALSE(core::JsonArrayRows::locateDataArray(R"({"result":{}})"));
}

TEST(StatementResponseParser, LargeBodiesGiveTheSameRowsAsTheSlowPath)
{
    QJsonArray rows;
    for (int i = 0; i < 5000; ++i)
        rows.append(QJsonArray{QString::number(i),
                               i % 3 ? QJsonValue(QStringLiteral("näme \"%1\"").arg(i)) : QJsonValue()});
    const QJsonObject body{
        {QStringLiteral("statement_id"), QStringLiteral("s1")},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("state"), QStringLiteral("SUCCEEDED")}}},
        {QStringLiteral("result"), QJsonObject{{QStringLiteral("chunk_index"), 0},
                                               {QStringLiteral("next_chunk_index"), 1},
                                               {QStringLiteral("data_array"), rows}}}};
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    ASSERT_GT(json.size(), 64 * 1024) << "must take the fast path";
    auto parsed = core::StatementResponseParser::parse(json, QStringLiteral("test"));
    ASSERT_TRUE(parsed) << parsed.error().toString().toStdString();
    ASSERT_EQ(parsed.value().rows.size(), 5000);
    EXPECT_EQ(parsed.value().state, QStringLiteral("SUCCEEDED"));
    EXPECT_EQ(parsed.value().nextChunkIndex, 1);
    for (int i = 0; i < 5000; ++i) {
        EXPECT_EQ(parsed.value().rows[i][0].toString(), QString::number(i));
        if (i % 3)
            EXPECT_EQ(parsed.value().rows[i][1].toString(), QStringLiteral("näme \"%1\"").arg(i));
        else
            EXPECT_TRUE(parsed.value().rows[i][1].isNull());
    }
}

TEST(JsonArrayRows, AnArrayCutIntoSlicesForSeveralThreadsGivesEveryRowInOrder)
{
    // > 8 MiB: two or more slices. Values that look like row boundaries inside strings ("],[",
    // "[", escaped quotes and backslashes before them) must not be taken for one.
    const QStringList tricky{QStringLiteral("],["), QStringLiteral("\"],[\""),       QStringLiteral("\\"),
                             QStringLiteral("[[["), QStringLiteral("a\\\"],[\\\"b"), QStringLiteral("]]")};
    QJsonArray rows;
    qsizetype bytes = 0;
    int n = 0;
    while (bytes < 9 * 1024 * 1024) {
        const QString text =
            tricky.at(n % tricky.size()) + QString(40, QLatin1Char('x')) + QString::number(n);
        rows.append(
            QJsonArray{QString::number(n), n % 7 ? QJsonValue(text) : QJsonValue(), QStringLiteral("é")});
        bytes += text.size() + 24;
        ++n;
    }
    const QByteArray json =
        QJsonDocument(rows).toJson(QJsonDocument::Indented); // whitespace between rows too
    QString error;
    auto parsed = core::JsonArrayRows::parse(json, 0, &error);
    ASSERT_TRUE(parsed) << error.toStdString();
    ASSERT_EQ(parsed->rows.size(), n);
    EXPECT_EQ(parsed->end, json.trimmed().size());
    for (int i = 0; i < n; ++i) {
        const auto& row = parsed->rows.at(i);
        ASSERT_EQ(row.size(), 3) << i;
        ASSERT_EQ(row.at(0).toString(), QString::number(i));
        if (i % 7)
            ASSERT_EQ(row.at(1).toString(), rows.at(i).toArray().at(1).toString()) << i;
        else
            ASSERT_TRUE(row.at(1).isNull()) << i;
    }

    // A fault in a later slice is still reported, with its position.
    QByteArray broken = json;
    const qsizetype at = broken.lastIndexOf("\"é\"");
    broken[at] = '?';
    EXPECT_FALSE(core::JsonArrayRows::parse(broken, 0, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("at byte"))) << error.toStdString();
}

} // namespace
