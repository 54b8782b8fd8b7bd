// The fast JSON_ARRAY row reader agrees with QJsonDocument and rejects malformed input.
#include "databricks/statement/json_array_rows.h"
#include "databricks/statement/statement_response.h"

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

TEST(JsonArrayRows, ReadsStringsNullsEscapesAndUnicode)
{
    const QByteArray json = R"([["a", null, "q\"uote\\ \/ \n\t", "\u00e9\u65e5\ud83d\ude00", "ünï", 12, true], []])";
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
    for (const char* bad : {R"([["a")", R"([["a" "b"]])", R"([["a\q"]])", R"([[a]])", R"({"x":1})", R"([["\u12"]])"}) {
        QString error;
        EXPECT_FALSE(core::JsonArrayRows::parse(QByteArray(bad), 0, &error)) << bad;
        EXPECT_NE(error.indexOf(QStringLiteral("byte")), -1) << bad;
    }
}

TEST(JsonArrayRows, LocatesTheRowsOfAResponseOrAChunkButNotTextThatLooksLikeThem)
{
    const QByteArray response =
        R"({"statement_id":"x","note":"\"data_array\": [[\"fake\"]]","status":{"state":"SUCCEEDED"},"result":{"chunk_index":0,"data_array":[["real"]]}})";
    auto span = core::JsonArrayRows::locateDataArray(response);
    ASSERT_TRUE(span);
    EXPECT_EQ(response.mid(span->first, span->second - span->first), QByteArray(R"([["real"]])"));
    const QByteArray chunk = R"({"chunk_index":3,"data_array":[["c"]],"next_chunk_index":4})";
    auto chunkSpan = core::JsonArrayRows::locateDataArray(chunk);
    ASSERT_TRUE(chunkSpan);
    EXPECT_EQ(chunk.mid(chunkSpan->first, chunkSpan->second - chunkSpan->first), QByteArray(R"([["c"]])"));
    EXPECT_FALSE(core::JsonArrayRows::locateDataArray(R"({"result":{}})"));
}

TEST(StatementResponseParser, LargeBodiesGiveTheSameRowsAsTheSlowPath)
{
    QJsonArray rows;
    for (int i = 0; i < 5000; ++i)
        rows.append(QJsonArray{QString::number(i), i % 3 ? QJsonValue(QStringLiteral("näme \"%1\"").arg(i)) : QJsonValue()});
    const QJsonObject body{{QStringLiteral("statement_id"), QStringLiteral("s1")},
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

} // namespace
