#include <gtest/gtest.h>

#include "support/gtest_qt.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "segments/behaviour_rules_editor.h"
#include "segments/criteria_editor.h"
#include "segments/segment_form.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

namespace {

core::Segment storedSegment()
{
    core::Segment s = testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("US shoppers"));
    s.id = QStringLiteral("11111111-1111-1111-1111-111111111111");
    s.version = 3;
    s.updatedAt = QDateTime::currentDateTimeUtc();
    return s;
}

} // namespace

TEST(SegmentForm, ShowsTheNameMessageBesideTheFieldAsYouTypeAndDisablesSave)
{
    ui::SegmentForm form(testsupport::catalogue());
    form.load(storedSegment());
    form.setTakenNames({QStringLiteral("summer sale")});
    EXPECT_TRUE(form.isValid());
    EXPECT_FALSE(form.saveButton()->isEnabled()) << "nothing changed yet";

    form.nameField()->selectAll();
    QTest::keyClicks(form.nameField(), QStringLiteral("Summer SALE"));
    EXPECT_FALSE(form.isValid());
    EXPECT_TRUE(
        form.shownIssue(QStringLiteral("name")).contains(QStringLiteral("already has a segment called")))
        << form.shownIssue(QStringLiteral("name")).toStdString();
    EXPECT_FALSE(form.saveButton()->isEnabled());

    QTest::keyClicks(form.nameField(), QStringLiteral(" 2"));
    EXPECT_TRUE(form.shownIssue(QStringLiteral("name")).isEmpty());
    EXPECT_TRUE(form.isValid());
    EXPECT_TRUE(form.isDirty());
    EXPECT_TRUE(form.saveButton()->isEnabled());

    form.nameField()->clear();
    EXPECT_EQ(form.shownIssue(QStringLiteral("name")), QStringLiteral("Give the segment a name."));
    EXPECT_FALSE(form.saveButton()->isEnabled());
}

TEST(SegmentForm, ShowsCriteriaMessagesUnderTheirPickerAndStopsEstimating)
{
    ui::SegmentForm form(testsupport::catalogue());
    QSignalSpy invalid(&form, &ui::SegmentForm::definitionInvalid);
    QSignalSpy definitions(&form, &ui::SegmentForm::definitionChanged);
    form.startNew(QStringLiteral("adv-1"));
    EXPECT_FALSE(form.isValid());
    EXPECT_TRUE(form.shownIssue(QStringLiteral("name")).isEmpty())
        << "no red text before the user starts typing";
    EXPECT_FALSE(form.saveButton()->isEnabled());
    QTest::keyClicks(form.nameField(), QStringLiteral("New one"));
    EXPECT_FALSE(form.isValid());
    EXPECT_TRUE(form.shownIssue(QStringLiteral("definition"))
                    .contains(QStringLiteral("Choose at least one criterion")));
    EXPECT_GE(invalid.count(), 1);
    EXPECT_EQ(definitions.count(), 0);

    ui::CriteriaPicker* countries = form.criteria()->includePicker(core::Dimension::Country);
    ui::CriteriaPicker* regions = form.criteria()->includePicker(core::Dimension::Region);
    ASSERT_TRUE(countries->addFromText(QStringLiteral("FR")));
    EXPECT_TRUE(form.isValid());
    EXPECT_EQ(definitions.count(), 1);
    EXPECT_TRUE(form.saveButton()->isEnabled());

    // A region outside the chosen countries (loaded from elsewhere) is flagged beside the region picker.
    core::SimpleDefinition def = form.criteria()->definition();
    def.include[core::Dimension::Region] = {QStringLiteral("US-CA")};
    core::Segment s = storedSegment();
    s.definition = def.toDefinition();
    form.load(s);
    EXPECT_FALSE(form.isValid());
    EXPECT_TRUE(regions->issueText().contains(QStringLiteral("not among the chosen countries")))
        << regions->issueText().toStdString();
    EXPECT_FALSE(form.saveButton()->isEnabled());
}

TEST(SegmentForm, ReportsBehaviourAndExclusionProblemsBesideThem)
{
    ui::SegmentForm form(testsupport::catalogue());
    core::Segment s = storedSegment();
    core::SimpleDefinition def;
    def.include[core::Dimension::Country] = {QStringLiteral("US")};
    def.behaviours.push_back({QStringLiteral("purchase"), 1, 30});
    def.exclude[core::Dimension::Device] = {QStringLiteral("toaster")};
    s.definition = def.toDefinition();
    form.load(s);
    EXPECT_FALSE(form.isValid());
    EXPECT_TRUE(form.criteria()
                    ->excludePicker(core::Dimension::Device)
                    ->issueText()
                    .contains(QStringLiteral("toaster")));
    EXPECT_TRUE(form.criteria()->includePicker(core::Dimension::Country)->issueText().isEmpty());
    EXPECT_EQ(form.criteria()->behaviourEditor()->ruleCount(), 1);
}

TEST(SegmentForm, ShowsANonSimpleDefinitionReadOnlyAsJson)
{
    ui::SegmentForm form(testsupport::catalogue());
    core::Segment s = storedSegment();
    s.definition = core::Definition(core::DefinitionNode::anyOf(
        {core::DefinitionNode::condition(core::Dimension::Country, {QStringLiteral("US")}),
         core::DefinitionNode::condition(core::Dimension::Device, {QStringLiteral("ctv")})}));
    form.load(s);
    EXPECT_TRUE(form.isDefinitionReadOnly());
    EXPECT_TRUE(form.isValid());
    QTest::keyClicks(form.descriptionField(), QStringLiteral(" more"));
    EXPECT_TRUE(form.isDirty());
    EXPECT_EQ(form.edited().definition, s.definition) << "the read-only definition is kept as it was";
}

TEST(SegmentForm, LoadingIsCleanAndEditsMakeItDirty)
{
    ui::SegmentForm form(testsupport::catalogue());
    QSignalSpy dirty(&form, &ui::SegmentForm::dirtyChanged);
    form.load(storedSegment());
    EXPECT_FALSE(form.isDirty());
    form.statusField()->setCurrentIndex(
        form.statusField()->findData(static_cast<int>(core::SegmentStatus::Archived)));
    EXPECT_TRUE(form.isDirty());
    ASSERT_GE(dirty.count(), 1);
    EXPECT_TRUE(dirty.last().first().toBool());
    form.load(form.base());
    EXPECT_FALSE(form.isDirty());
}

TEST(SegmentForm, LabelMnemonicsFocusTheFields)
{
    ui::SegmentForm form(testsupport::catalogue());
    form.load(storedSegment());
    form.show();
    QApplication::setActiveWindow(&form);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&form));
    form.nameField()->setFocus();
    ASSERT_TRUE(QTest::qWaitFor([&] { return form.nameField()->hasFocus(); }));
    QTest::keyClick(form.nameField(), Qt::Key_D, Qt::AltModifier);
    TRY_VERIFY(form.descriptionField()->hasFocus());
}
