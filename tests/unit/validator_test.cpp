// SegmentValidator: every rule of product.md, each issue on its field.
#include "domain/segment_validator.h"
#include "domain/simple_definition.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

#include <gtest/gtest.h>

namespace {

using core::Dimension;

class Validator : public ::testing::Test
{
protected:
    core::SegmentValidator validator{testsupport::catalogue()};

    static QStringList codes(const core::ValidationIssues& issues)
    {
        QStringList out;
        for (const auto& i : issues)
            out.append(i.code);
        return out;
    }
    static QStringList fields(const core::ValidationIssues& issues)
    {
        QStringList out;
        for (const auto& i : issues)
            out.append(i.field);
        return out;
    }
    core::ValidationIssues check(const core::SimpleDefinition& d)
    {
        return validator.validateDefinition(d.toDefinition());
    }
};

TEST_F(Validator, AValidSegmentHasNoIssues)
{
    EXPECT_TRUE(validator.validate(testsupport::draftSegment(QStringLiteral("adv"), QStringLiteral("Hikers"))).isEmpty());
}

TEST_F(Validator, NameIsRequiredAfterTrimming)
{
    EXPECT_EQ(codes(validator.validateName(QStringLiteral("   "))), QStringList{QStringLiteral("name_required")});
    EXPECT_EQ(fields(validator.validateName(QString())), QStringList{QStringLiteral("name")});
}

TEST_F(Validator, NameMayHaveAHundredCharactersButNotMore)
{
    EXPECT_TRUE(validator.validateName(QString(100, QLatin1Char('a'))).isEmpty());
    EXPECT_TRUE(validator.validateName(QStringLiteral("  ") + QString(100, QLatin1Char('a')) + QStringLiteral("  ")).isEmpty());
    EXPECT_EQ(codes(validator.validateName(QString(101, QLatin1Char('a')))), QStringList{QStringLiteral("name_too_long")});
}

TEST_F(Validator, NameRejectsControlCharacters)
{
    EXPECT_EQ(codes(validator.validateName(QStringLiteral("Line\nBreak"))), QStringList{QStringLiteral("name_control_characters")});
    EXPECT_EQ(codes(validator.validateName(QStringLiteral("Tab\there"))), QStringList{QStringLiteral("name_control_characters")});
    EXPECT_EQ(codes(validator.validateName(QStringLiteral("Bell") + QChar(7))), QStringList{QStringLiteral("name_control_characters")});
}

TEST_F(Validator, NameUniquenessIgnoresCaseAndSurroundingSpaces)
{
    const QSet<QString> taken{core::SegmentValidator::nameKey(QStringLiteral("Weekend Hikers"))};
    EXPECT_EQ(codes(validator.validateName(QStringLiteral(" weekend HIKERS "), taken)), QStringList{QStringLiteral("name_taken")});
    EXPECT_TRUE(validator.validateName(QStringLiteral("Weekend Hikers 2"), taken).isEmpty());
}

TEST_F(Validator, SqlLookingAndQuotedNamesAreAccepted)
{
    for (const QString& name : {QStringLiteral("Robert'); DROP TABLE gold_segments;--"), QStringLiteral("\"Quoted\"; 1=1"),
                                QStringLiteral("Ünïcödé — ☃ 日本"), QStringLiteral("=HYPERLINK(\"x\")")})
        EXPECT_TRUE(validator.validateName(name).isEmpty()) << name.toStdString();
}

TEST_F(Validator, DefinitionMustConstrainSomething)
{
    EXPECT_EQ(codes(validator.validateDefinition(core::Definition())), QStringList{QStringLiteral("definition_empty")});
}

TEST_F(Validator, EmptyListsBlanksDuplicatesAndUnknownValuesAreEachReportedOnTheirValue)
{
    core::SimpleDefinition d;
    d.include[Dimension::Age] = {};
    d.include[Dimension::Country] = {QStringLiteral("US"), QStringLiteral(" "), QStringLiteral("US"), QStringLiteral("ZZ")};
    QHash<QString, QString> fieldOf;
    const auto issues = validator.validateDefinition(d.toDefinition(&fieldOf));
    EXPECT_EQ(codes(issues), (QStringList{QStringLiteral("values_empty"), QStringLiteral("value_blank"),
                                          QStringLiteral("value_duplicate"), QStringLiteral("value_unknown")}));
    EXPECT_EQ(issues[0].field, QStringLiteral("definition.root.children[0].values"));
    EXPECT_EQ(issues[3].field, QStringLiteral("definition.root.children[1].values[3]"));
    EXPECT_EQ(fieldOf.value(QStringLiteral("root.children[1]")), QStringLiteral("include.country"));
    EXPECT_NE(issues[3].message.indexOf(QStringLiteral("ZZ")), -1);
}

TEST_F(Validator, EveryDimensionChecksItsCatalogue)
{
    const struct
    {
        Dimension d;
        const char* good;
        const char* bad;
    } cases[] = {{Dimension::Age, "65+", "70-80"},        {Dimension::Gender, "unknown", "other"},
                 {Dimension::Country, "JP", "jp"},        {Dimension::Region, "US-CA", "US-ZZ"},
                 {Dimension::Interest, "gaming.mobile", "gaming.unknown"}, {Dimension::Device, "ctv", "watch"}};
    for (const auto& c : cases) {
        core::SimpleDefinition good;
        good.include[c.d] = {QLatin1String(c.good)};
        EXPECT_TRUE(check(good).isEmpty()) << c.good;
        core::SimpleDefinition bad;
        bad.include[c.d] = {QLatin1String(c.bad)};
        EXPECT_EQ(codes(check(bad)), QStringList{QStringLiteral("value_unknown")}) << c.bad;
    }
}

TEST_F(Validator, ExclusionsAreValidatedToo)
{
    core::SimpleDefinition d;
    d.include[Dimension::Country] = {QStringLiteral("US")};
    d.exclude[Dimension::Device] = {QStringLiteral("fridge")};
    const auto issues = check(d);
    ASSERT_EQ(codes(issues), QStringList{QStringLiteral("value_unknown")});
    EXPECT_EQ(issues[0].field, QStringLiteral("definition.root.children[1].children[0].children[0].values[0]"));
}

TEST_F(Validator, BehaviourRulesNeedAKnownEventACountAndAWindow)
{
    core::SimpleDefinition d;
    d.behaviours = {{QStringLiteral("click"), 3, 30}, {QStringLiteral("purchase"), 0, 400}};
    EXPECT_EQ(codes(check(d)), (QStringList{QStringLiteral("behaviour_event_unknown"), QStringLiteral("behaviour_count_range"),
                                            QStringLiteral("behaviour_days_range")}));
}

TEST_F(Validator, RegionsOutsideTheChosenCountriesCanNeverMatch)
{
    core::SimpleDefinition d;
    d.include[Dimension::Country] = {QStringLiteral("FR")};
    d.include[Dimension::Region] = {QStringLiteral("US-CA")};
    EXPECT_EQ(codes(check(d)), QStringList{QStringLiteral("region_outside_countries")});
    d.include[Dimension::Country].append(QStringLiteral("US"));
    EXPECT_TRUE(check(d).isEmpty());
}

TEST_F(Validator, SegmentReferencesMustExistAndNotLoop)
{
    const QString self = QStringLiteral("11111111-1111-4111-8111-111111111111");
    const QString other = QStringLiteral("22222222-2222-4222-8222-222222222222");
    core::SimpleDefinition refersToSelf;
    refersToSelf.includeSegments = {self};
    EXPECT_EQ(codes(validator.validateDefinition(refersToSelf.toDefinition(), self)), QStringList{QStringLiteral("segment_cycle")});

    core::SimpleDefinition refersToOther;
    refersToOther.excludeSegments = {other};
    auto none = [](const QString&) { return std::optional<core::Definition>(); };
    EXPECT_EQ(codes(validator.validateDefinition(refersToOther.toDefinition(), self, none)),
              QStringList{QStringLiteral("segment_ref_unknown")});
    auto loop = [&](const QString& id) -> std::optional<core::Definition> {
        core::SimpleDefinition back;
        back.includeSegments = {self};
        return id == other ? std::optional(back.toDefinition()) : std::nullopt;
    };
    EXPECT_EQ(codes(validator.validateDefinition(refersToOther.toDefinition(), self, loop)),
              QStringList{QStringLiteral("segment_cycle")});
}

TEST_F(Validator, MessagesAreSentencesForPeople)
{
    core::SimpleDefinition d;
    d.include[Dimension::Device] = {QStringLiteral("watch")};
    const auto issues = check(d);
    ASSERT_EQ(issues.size(), 1);
    EXPECT_TRUE(issues[0].message.endsWith(QLatin1Char('.')));
    EXPECT_NE(issues[0].message.indexOf(QStringLiteral("desktop, mobile, tablet or ctv")), -1);
}

} // namespace
