// Definition trees: JSON round trips, canonical hashing, malformed input, the simple form.
#include "domain/definition.h"
#include "domain/definition_describer.h"
#include "domain/segment_json.h"
#include "domain/simple_definition.h"
#include "support/test_catalogue.h"

#include <gtest/gtest.h>

#include <QJsonDocument>

namespace {

using core::DefinitionNode;
using core::Dimension;

core::SimpleDefinition sample()
{
    core::SimpleDefinition s;
    s.include[Dimension::Age] = {QStringLiteral("18-24")};
    s.include[Dimension::Interest] = {QStringLiteral("gaming")};
    s.behaviours = {{QStringLiteral("click"), 2, 14}};
    s.includeSegments = {QStringLiteral("a"), QStringLiteral("b")};
    s.exclude[Dimension::Country] = {QStringLiteral("FR")};
    s.excludeSegments = {QStringLiteral("c")};
    return s;
}

TEST(Definition, JsonRoundTripKeepsTheTree)
{
    const core::Definition d = sample().toDefinition();
    auto back = core::Definition::fromJsonText(d.toCanonicalJson());
    ASSERT_TRUE(back) << back.error().toString().toStdString();
    EXPECT_EQ(back.value(), d);
    EXPECT_EQ(back.value().hash(), d.hash());
}

TEST(Definition, HashIsStableAndSensitiveToContent)
{
    const core::Definition d = sample().toDefinition();
    EXPECT_EQ(d.hash().size(), 64);
    auto changed = sample();
    changed.include[Dimension::Age] = {QStringLiteral("25-34")};
    EXPECT_NE(changed.toDefinition().hash(), d.hash());
    // Key order in the input does not matter.
    auto reordered = core::Definition::fromJsonText(
        R"({"root":{"children":[{"values":["US"],"dimension":"country"}],"op":"and"},"schema_version":1})");
    auto ordered = core::Definition::fromJsonText(
        R"({"schema_version":1,"root":{"op":"and","children":[{"dimension":"country","values":["US"]}]}})");
    ASSERT_TRUE(reordered && ordered);
    EXPECT_EQ(reordered.value().hash(), ordered.value().hash());
}

TEST(Definition, MalformedJsonNamesThePath)
{
    const struct
    {
        const char* json;
        const char* path;
    } cases[] = {
        {R"({"root":{"op":"and","children":[]}})", "schema_version"},
        {R"({"schema_version":2,"root":{"op":"and","children":[]}})", "schema_version"},
        {R"({"schema_version":1,"root":{"op":"xor","children":[]}})", "root.op"},
        {R"({"schema_version":1,"root":{"op":"and","children":[{"dimension":"shoe","values":[]}]}})", "root.children[0].dimension"},
        {R"({"schema_version":1,"root":{"op":"and","children":[{"dimension":"age","values":[1]}]}})", "root.children[0].values[0]"},
        {R"({"schema_version":1,"root":{"op":"not","children":[]}})", "root"},
        {R"({"schema_version":1,"root":{"op":"and","children":[{"behaviour":{"event":"click","min_count":1.5,"days":3}}]}})",
         "root.children[0].behaviour.min_count"},
        {R"({"schema_version":1,"root":{"op":"and","children":[{"what":1}]}})", "root.children[0]"},
    };
    for (const auto& c : cases) {
        auto r = core::Definition::fromJsonText(QByteArray(c.json));
        ASSERT_FALSE(r) << c.json;
        EXPECT_EQ(r.error().detail, QLatin1String(c.path)) << c.json;
        EXPECT_EQ(r.error().kind, core::ErrorKind::Validation);
    }
    auto notJson = core::Definition::fromJsonText("{nope");
    ASSERT_FALSE(notJson);
    EXPECT_EQ(notJson.error().kind, core::ErrorKind::Parse);
}

TEST(Definition, DeepNestingIsRefused)
{
    QByteArray json = R"({"dimension":"age","values":["65+"]})";
    for (int i = 0; i < 40; ++i)
        json = R"({"op":"not","children":[)" + json + "]}";
    auto r = core::Definition::fromJsonText(R"({"schema_version":1,"root":)" + json + "}");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().userMessage.indexOf(QStringLiteral("32 levels")), -1);
}

TEST(SimpleDefinition, RoundTripsThroughTheTree)
{
    const auto s = sample();
    auto back = core::SimpleDefinition::fromDefinition(s.toDefinition());
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, s);
}

TEST(SimpleDefinition, TreesOfOtherShapesAreNotSimple)
{
    const core::Definition orRoot(DefinitionNode::anyOf({DefinitionNode::condition(Dimension::Age, {QStringLiteral("65+")})}));
    EXPECT_FALSE(core::SimpleDefinition::fromDefinition(orRoot));
    const core::Definition nested(DefinitionNode::allOf(
        {DefinitionNode::negate(DefinitionNode::condition(Dimension::Age, {QStringLiteral("65+")}))}));
    EXPECT_FALSE(core::SimpleDefinition::fromDefinition(nested));
}

TEST(DefinitionDescriber, WordsConditionsForPeople)
{
    const core::DefinitionDescriber describer(testsupport::catalogue(), [](const QString& id) {
        return id == QLatin1String("a") ? QStringLiteral("Weekend Hikers") : QString();
    });
    const core::Definition d = sample().toDefinition();
    const auto& c = d.root().children;
    EXPECT_EQ(describer.describe(c[0]), QStringLiteral("Age is 18-24"));
    EXPECT_EQ(describer.describe(c[1]), QStringLiteral("Interests is Gaming"));
    EXPECT_EQ(describer.describe(c[2]), QStringLiteral("Clicked at least 2 times in the last 14 days"));
    EXPECT_EQ(describer.describe(c[3]), QStringLiteral("(In segment “Weekend Hikers”) or (In segment “b”)"));
    EXPECT_EQ(describer.describe(c[4]), QStringLiteral("Excluding: Country is France; In segment “c”"));
}

TEST(SegmentJson, RoundTripsEveryField)
{
    core::Segment s;
    s.id = QStringLiteral("4b6f1e0a-3c7d-4e8f-9a10-b2c3d4e5f601");
    s.advertiserId = QStringLiteral("adv");
    s.name = QStringLiteral("Name \"quoted\"");
    s.description = QStringLiteral("multi\nline");
    s.status = core::SegmentStatus::Archived;
    s.definition = sample().toDefinition();
    s.definitionHash = s.definition.hash();
    s.version = 7;
    s.createdBy = QStringLiteral("a");
    s.createdAt = core::SegmentJson::parseTime(QStringLiteral("2026-01-02T03:04:05.678Z"));
    s.updatedBy = QStringLiteral("b");
    s.updatedAt = core::SegmentJson::parseTime(QStringLiteral("2026-02-03T04:05:06.789Z"));
    s.deletedAt = s.updatedAt;
    auto docs = core::SegmentJson::fromDocument(core::SegmentJson::toDocument({s}));
    ASSERT_TRUE(docs) << docs.error().toString().toStdString();
    ASSERT_EQ(docs.value().size(), 1);
    EXPECT_EQ(docs.value().first(), s);
    EXPECT_EQ(core::SegmentJson::formatTime(s.createdAt), QStringLiteral("2026-01-02T03:04:05.678Z"));
}

TEST(SegmentJson, BadFieldsAreNamed)
{
    auto r = core::SegmentJson::fromDocument(R"({"name": 5, "definition": {}})");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().userMessage.indexOf(QStringLiteral("“name”")), -1);
    auto status = core::SegmentJson::fromDocument(
        R"({"name":"x","status":"live","definition":{"schema_version":1,"root":{"op":"and","children":[]}}})");
    ASSERT_FALSE(status);
    EXPECT_NE(status.error().userMessage.indexOf(QStringLiteral("draft, active or archived")), -1);
}

} // namespace
