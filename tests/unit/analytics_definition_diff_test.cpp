// The definition diff of a comparison: field by field, which values every segment shares.
#include <gtest/gtest.h>

#include "analytics/definition_diff.h"
#include "domain/simple_definition.h"
#include "support/test_catalogue.h"

namespace {

using core::Dimension;

core::DefinitionDiffer differ()
{
    return core::DefinitionDiffer(testsupport::catalogue(), [](const QString& id) {
        return id == QLatin1String("seg-hikers") ? QStringLiteral("Weekend Hikers") : QString();
    });
}

const core::DefinitionDiffRow* row(const core::DefinitionDiff& diff, const QString& field)
{
    for (const auto& r : diff.rows) {
        if (r.field == field)
            return &r;
    }
    return nullptr;
}

TEST(DefinitionDiff, SharedAndDifferingValuesPerField)
{
    core::SimpleDefinition a;
    a.include[Dimension::Country] = {QStringLiteral("US"), QStringLiteral("CA")};
    a.include[Dimension::Device] = {QStringLiteral("mobile")};
    a.behaviours = {{QStringLiteral("click"), 3, 30}};
    core::SimpleDefinition b;
    b.include[Dimension::Country] = {QStringLiteral("US")};
    b.include[Dimension::Device] = {QStringLiteral("mobile")};
    b.exclude[Dimension::Age] = {QStringLiteral("65+")};

    const auto diff = differ().diff({a.toDefinition(), b.toDefinition()});
    EXPECT_FALSE(diff.identical());
    QStringList fields;
    for (const auto& r : diff.rows)
        fields.append(r.field);
    // Form order; only fields some segment constrains.
    EXPECT_EQ(fields, (QStringList{QStringLiteral("include.country"), QStringLiteral("include.device"),
                                   QStringLiteral("behaviour"), QStringLiteral("exclude.age")}));

    const auto* country = row(diff, QStringLiteral("include.country"));
    ASSERT_TRUE(country);
    EXPECT_EQ(country->label, QStringLiteral("Country"));
    EXPECT_TRUE(country->differs);
    ASSERT_EQ(country->cells.size(), 2);
    EXPECT_EQ(country->cells[0].text, QStringLiteral("United States, Canada"));
    ASSERT_EQ(country->cells[0].values.size(), 2);
    EXPECT_TRUE(country->cells[0].values[0].shared);  // US: in both
    EXPECT_FALSE(country->cells[0].values[1].shared); // CA: only in A
    EXPECT_EQ(country->cells[0].values[1].value, QStringLiteral("CA"));
    EXPECT_EQ(country->cells[1].text, QStringLiteral("United States"));
    EXPECT_TRUE(country->cells[1].values[0].shared);

    const auto* device = row(diff, QStringLiteral("include.device"));
    ASSERT_TRUE(device);
    EXPECT_FALSE(device->differs);
    EXPECT_TRUE(device->cells[1].values[0].shared);

    const auto* behaviour = row(diff, QStringLiteral("behaviour"));
    ASSERT_TRUE(behaviour);
    EXPECT_TRUE(behaviour->differs);
    EXPECT_EQ(behaviour->cells[0].text, QStringLiteral("Clicked at least 3 times in the last 30 days"));
    EXPECT_EQ(behaviour->cells[1].text, QStringLiteral("None"));
    EXPECT_TRUE(behaviour->cells[1].values.isEmpty());

    const auto* age = row(diff, QStringLiteral("exclude.age"));
    ASSERT_TRUE(age);
    EXPECT_EQ(age->label, QStringLiteral("Excluding age"));
    EXPECT_EQ(age->cells[0].text, QStringLiteral("None"));
    EXPECT_EQ(age->cells[1].text, QStringLiteral("65+"));
}

TEST(DefinitionDiff, UnconstrainedIncludeReadsAnyAndSegmentsAreNamed)
{
    core::SimpleDefinition a;
    a.include[Dimension::Age] = {QStringLiteral("25-34")};
    a.includeSegments = {QStringLiteral("seg-hikers")};
    core::SimpleDefinition b;
    b.includeSegments = {QStringLiteral("seg-hikers")};
    b.include[Dimension::Gender] = {QStringLiteral("female")};
    core::SimpleDefinition c = b;

    const auto diff = differ().diff({a.toDefinition(), b.toDefinition(), c.toDefinition()});
    const auto* age = row(diff, QStringLiteral("include.age"));
    ASSERT_TRUE(age);
    EXPECT_EQ(age->cells[1].text, QStringLiteral("Any"));
    EXPECT_FALSE(age->cells[0].values[0].shared);
    const auto* segments = row(diff, QStringLiteral("include.segments"));
    ASSERT_TRUE(segments);
    EXPECT_FALSE(segments->differs);
    EXPECT_EQ(segments->cells[2].text, QStringLiteral("Weekend Hikers"));
    EXPECT_TRUE(segments->cells[2].values[0].shared);
}

TEST(DefinitionDiff, SameDefinitionsAreIdentical)
{
    core::SimpleDefinition a;
    a.include[Dimension::Interest] = {QStringLiteral("travel")};
    const auto diff = differ().diff({a.toDefinition(), a.toDefinition()});
    EXPECT_TRUE(diff.identical());
    ASSERT_EQ(diff.rows.size(), 1);
    EXPECT_EQ(diff.rows[0].cells[0].text, QStringLiteral("Travel"));
}

TEST(DefinitionDiff, TreesTheFormCannotShowAreComparedWhole)
{
    using N = core::DefinitionNode;
    const core::Definition tree(N::anyOf({N::condition(Dimension::Country, {QStringLiteral("DE")}),
                                          N::condition(Dimension::Age, {QStringLiteral("18-24")})}));
    core::SimpleDefinition simple;
    simple.include[Dimension::Country] = {QStringLiteral("DE")};
    const auto diff = differ().diff({tree, simple.toDefinition()});
    const auto* other = row(diff, QStringLiteral("other"));
    ASSERT_TRUE(other);
    EXPECT_TRUE(other->differs);
    EXPECT_EQ(other->cells[0].text, QStringLiteral("(Country is Germany) or (Age is 18-24)"));
    EXPECT_EQ(other->cells[1].text, QStringLiteral("None"));
    // The tree's country is not in a form field, so the simple one's DE is not shared.
    const auto* country = row(diff, QStringLiteral("include.country"));
    ASSERT_TRUE(country);
    EXPECT_EQ(country->cells[0].text, QStringLiteral("Any"));
    EXPECT_FALSE(country->cells[1].values[0].shared);
}

} // namespace

// ---- Two versions of one segment, field by field (View ▸ History, segctl segments diff) ----

#include "analytics/segment_version_diff.h"

namespace {

core::SegmentVersion version(int number, const QString& name, const core::SimpleDefinition& definition)
{
    core::SegmentVersion v;
    v.segmentId = QStringLiteral("seg-1");
    v.version = number;
    v.name = name;
    v.description = QStringLiteral("Hikers at weekends");
    v.status = core::SegmentStatus::Draft;
    v.definition = definition.toDefinition();
    return v;
}

const core::VersionDiffRow* versionRow(const core::SegmentVersionDiff& diff, const QString& field)
{
    for (const auto& r : diff.rows) {
        if (r.field == field)
            return &r;
    }
    return nullptr;
}

TEST(SegmentVersionDiff, EveryFieldAndEveryCriterionOfTwoVersions)
{
    core::SimpleDefinition a;
    a.include[Dimension::Country] = {QStringLiteral("US"), QStringLiteral("CA")};
    a.behaviours = {{QStringLiteral("click"), 3, 30}};
    core::SimpleDefinition b;
    b.include[Dimension::Country] = {QStringLiteral("US")};
    b.include[Dimension::Device] = {QStringLiteral("mobile")};
    b.behaviours = {{QStringLiteral("click"), 3, 30}};
    b.includeSegments = {QStringLiteral("seg-hikers")};
    core::SegmentVersion older = version(1, QStringLiteral("Hikers"), a);
    core::SegmentVersion newer = version(4, QStringLiteral("Weekend Hikers"), b);
    newer.status = core::SegmentStatus::Active;

    const core::SegmentVersionDiff diff = core::SegmentVersionDiffer(testsupport::catalogue(), [](const QString& id) {
        return id == QLatin1String("seg-hikers") ? QStringLiteral("Weekend Hikers") : QString();
    }).diff(older, newer);
    EXPECT_EQ(diff.fromVersion, 1);
    EXPECT_EQ(diff.toVersion, 4);
    EXPECT_FALSE(diff.identical());
    ASSERT_GE(diff.rows.size(), 3);
    EXPECT_EQ(diff.rows[0].field, QStringLiteral("name"));
    EXPECT_EQ(diff.rows[1].field, QStringLiteral("description"));
    EXPECT_EQ(diff.rows[2].field, QStringLiteral("status"));

    const auto* name = versionRow(diff, QStringLiteral("name"));
    ASSERT_TRUE(name);
    EXPECT_TRUE(name->differs);
    EXPECT_EQ(name->before, QStringLiteral("Hikers"));
    EXPECT_EQ(name->after, QStringLiteral("Weekend Hikers"));
    const auto* description = versionRow(diff, QStringLiteral("description"));
    ASSERT_TRUE(description);
    EXPECT_FALSE(description->differs);
    const auto* status = versionRow(diff, QStringLiteral("status"));
    ASSERT_TRUE(status);
    EXPECT_TRUE(status->differs);
    EXPECT_EQ(status->before, QStringLiteral("Draft"));
    EXPECT_EQ(status->after, QStringLiteral("Active"));
    const auto* country = versionRow(diff, QStringLiteral("include.country"));
    ASSERT_TRUE(country);
    EXPECT_TRUE(country->differs);
    EXPECT_TRUE(country->before.contains(QStringLiteral("Canada"))) << country->before.toStdString();
    EXPECT_FALSE(country->after.contains(QStringLiteral("Canada"))) << country->after.toStdString();
    const auto* device = versionRow(diff, QStringLiteral("include.device"));
    ASSERT_TRUE(device);
    EXPECT_TRUE(device->differs);
    EXPECT_EQ(device->before, QStringLiteral("Any"));
    const auto* behaviour = versionRow(diff, QStringLiteral("behaviour"));
    ASSERT_TRUE(behaviour);
    EXPECT_FALSE(behaviour->differs);
    const auto* segments = versionRow(diff, QStringLiteral("include.segments"));
    ASSERT_TRUE(segments);
    EXPECT_TRUE(segments->differs);
    EXPECT_EQ(segments->after, QStringLiteral("Weekend Hikers"));

    QStringList changed;
    for (const auto& r : diff.changes())
        changed << r.field;
    EXPECT_EQ(changed, (QStringList{QStringLiteral("name"), QStringLiteral("status"), QStringLiteral("include.country"),
                                    QStringLiteral("include.device"), QStringLiteral("include.segments")}));
}

TEST(SegmentVersionDiff, AVersionAgainstItsRestoredCopyIsIdentical)
{
    core::SimpleDefinition a;
    a.include[Dimension::Age] = {QStringLiteral("25-34")};
    const core::SegmentVersion v1 = version(1, QStringLiteral("Young"), a);
    core::SegmentVersion v3 = v1;
    v3.version = 3;
    v3.change = QStringLiteral("reverted");
    const auto diff = core::SegmentVersionDiffer(testsupport::catalogue()).diff(v1, v3);
    EXPECT_TRUE(diff.identical());
    EXPECT_TRUE(diff.changes().isEmpty());
    EXPECT_EQ(diff.rows.size(), 4); // name, description, status, age
}

} // namespace
