#include <gtest/gtest.h>

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

#include "segments/criteria_editor.h"
#include "segments/criteria_picker.h"
#include "support/test_catalogue.h"

namespace {

QStringList completionsFor(ui::CriteriaPicker& picker, const QString& typed)
{
    QCompleter* completer = picker.searchField()->completer();
    completer->setCompletionPrefix(typed);
    QStringList out;
    for (int row = 0; completer->setCurrentRow(row); ++row)
        out.append(completer->currentCompletion());
    return out;
}

} // namespace

TEST(CriteriaPicker, CompletesAnyPartOfTheLabelIgnoringCase)
{
    ui::CriteriaEditor editor(testsupport::catalogue());
    ui::CriteriaPicker* interests = editor.includePicker(core::Dimension::Interest);
    const QStringList found = completionsFor(*interests, QStringLiteral("SOCC"));
    ASSERT_FALSE(found.isEmpty());
    EXPECT_TRUE(found.contains(QStringLiteral("Sports › Soccer")))
        << found.join(QLatin1Char('|')).toStdString();

    ui::CriteriaPicker* countries = editor.includePicker(core::Dimension::Country);
    EXPECT_TRUE(
        completionsFor(*countries, QStringLiteral("united st")).contains(QStringLiteral("United States")));
}

TEST(CriteriaPicker, EnterAddsAnExactLabelOrCodeAndBackspaceRemovesTheLastChip)
{
    ui::CriteriaPicker picker(QStringLiteral("country"));
    picker.setOptions({{QStringLiteral("US"), QStringLiteral("United States")},
                       {QStringLiteral("GB"), QStringLiteral("United Kingdom")},
                       {QStringLiteral("FR"), QStringLiteral("France")}});
    QSignalSpy changed(&picker, &ui::CriteriaPicker::valuesChanged);

    EXPECT_FALSE(picker.addFromText(QStringLiteral("United"))) << "two matches: ambiguous";
    EXPECT_TRUE(picker.issueText().contains(QStringLiteral("pick one"))) << picker.issueText().toStdString();
    EXPECT_TRUE(picker.addFromText(QStringLiteral("us")));     // a code, any case
    EXPECT_TRUE(picker.addFromText(QStringLiteral("france"))); // a label, any case
    EXPECT_TRUE(picker.issueText().isEmpty());
    EXPECT_FALSE(picker.addFromText(QStringLiteral("Atlantis")));
    EXPECT_TRUE(picker.issueText().contains(QStringLiteral("No country matches “Atlantis”")));
    EXPECT_EQ(picker.values(), (QStringList{QStringLiteral("US"), QStringLiteral("FR")}));
    EXPECT_EQ(changed.count(), 2);

    picker.show();
    picker.searchField()->clear();
    QTest::keyClick(picker.searchField(), Qt::Key_Backspace);
    EXPECT_EQ(picker.values(), QStringList{QStringLiteral("US")});

    QTest::keyClicks(picker.searchField(), QStringLiteral("gb"));
    QTest::keyClick(picker.searchField(), Qt::Key_Return);
    EXPECT_EQ(picker.values(), (QStringList{QStringLiteral("US"), QStringLiteral("GB")}));
    EXPECT_TRUE(picker.searchField()->text().isEmpty());
}

TEST(CriteriaPicker, AddsAnInterestByItsOwnNameWithoutItsParents)
{
    ui::CriteriaEditor editor(testsupport::catalogue());
    ui::CriteriaPicker* interests = editor.includePicker(core::Dimension::Interest);
    ASSERT_TRUE(interests->addFromText(QStringLiteral("soccer"))) << interests->issueText().toStdString();
    EXPECT_EQ(interests->values(), QStringList{QStringLiteral("sports.soccer")});
}

TEST(CriteriaEditor, OffersOnlyRegionsOfTheChosenCountries)
{
    auto catalogue = testsupport::catalogue();
    ui::CriteriaEditor editor(catalogue);
    ui::CriteriaPicker* regions = editor.includePicker(core::Dimension::Region);
    EXPECT_TRUE(completionsFor(*regions, QStringLiteral("California")).size() >= 1)
        << "no country: every region";

    ASSERT_TRUE(editor.includePicker(core::Dimension::Country)->addFromText(QStringLiteral("FR")));
    EXPECT_TRUE(completionsFor(*regions, QStringLiteral("California")).isEmpty());
    EXPECT_FALSE(completionsFor(*regions, QString()).isEmpty());
    for (const QString& label : completionsFor(*regions, QString()))
        EXPECT_TRUE(label.endsWith(QStringLiteral("(FR)"))) << label.toStdString();
}

TEST(CriteriaEditor, RoundTripsASimpleDefinition)
{
    ui::CriteriaEditor editor(testsupport::catalogue());
    core::SimpleDefinition def;
    def.include[core::Dimension::Age] = {QStringLiteral("18-24"), QStringLiteral("25-34")};
    def.include[core::Dimension::Country] = {QStringLiteral("US")};
    def.behaviours.push_back({QStringLiteral("click"), 3, 14});
    def.exclude[core::Dimension::Device] = {QStringLiteral("ctv")};
    QSignalSpy changed(&editor, &ui::CriteriaEditor::changed);
    editor.setDefinition(def);
    EXPECT_EQ(changed.count(), 0) << "loading is not an edit";
    EXPECT_EQ(editor.definition(), def);
}
