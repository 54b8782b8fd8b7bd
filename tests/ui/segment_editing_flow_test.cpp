// SegmentEditingFlow without a window: the form, the list model and the history it drives.
#include <gtest/gtest.h>

#include "support/gtest_qt.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

#include "common/future_wait.h"
#include "segments/criteria_editor.h"
#include "segments/segment_editing_flow.h"
#include "segments/segment_form.h"
#include "segments/segment_history.h"
#include "segments/segment_list_model.h"
#include "support/test_catalogue.h"
#include "temp_workspace.h"

namespace {

using Choice = ui::UnsavedChangesPrompt::Choice;

class SegmentEditingFlowTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_ws = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha"), QStringLiteral("Beta")});
        ASSERT_TRUE(m_ws);
        core::SegmentQuery query;
        query.advertiserId = adv();
        auto listed = core::awaitFuture(m_ws->store().listSegments(query));
        ASSERT_TRUE(listed.ok());
        m_model.setSegments(listed.value());
        m_history = std::make_unique<ui::SegmentHistory>(m_ws->store(), QStringLiteral("tester"));
        m_flow = std::make_unique<ui::SegmentEditingFlow>(m_form, m_model, *m_history);
        // The window's part: written segments go into the list, then to the flow.
        QObject::connect(m_history.get(), &ui::SegmentHistory::segmentWritten, m_flow.get(),
                         [this](const core::Segment& s) {
                             m_model.upsert(s);
                             m_flow->noteWritten(s);
                         });
    }

    static QString adv() { return QString::fromLatin1(uitest::TempWorkspace::kAdvertiser); }
    QString idOf(const QString& name) const
    {
        for (const auto& s : m_model.segments())
            if (s.name == name)
                return s.id;
        return {};
    }

    std::unique_ptr<uitest::TempWorkspace> m_ws;
    ui::SegmentForm m_form{testsupport::catalogue()};
    ui::SegmentListModel m_model;
    std::unique_ptr<ui::SegmentHistory> m_history;
    std::unique_ptr<ui::SegmentEditingFlow> m_flow;
};

} // namespace

TEST_F(SegmentEditingFlowTest, WithoutAPromptUnsavedEditsAreKeptNotDropped)
{
    QSignalSpy shown(m_flow.get(), &ui::SegmentEditingFlow::segmentShown);
    m_flow->open(idOf(QStringLiteral("Alpha")));
    ASSERT_EQ(shown.count(), 1);
    EXPECT_EQ(shown.at(0).at(0).toString(), idOf(QStringLiteral("Alpha")));
    m_form.descriptionField()->setPlainText(QStringLiteral("typed"));

    bool proceeded = false, cancelled = false;
    m_flow->whenReleased([&] { proceeded = true; }, [&] { cancelled = true; });
    EXPECT_FALSE(proceeded);
    EXPECT_TRUE(cancelled);
    m_flow->open(idOf(QStringLiteral("Beta"))); // opening is the caller's choice; the guard is whenReleased
    EXPECT_EQ(m_form.base().name, QStringLiteral("Beta"));
}

TEST_F(SegmentEditingFlowTest, SaveReportsSavingAndShowsTheSavedSegment)
{
    QSignalSpy saving(m_flow.get(), &ui::SegmentEditingFlow::savingChanged);
    QSignalSpy shown(m_flow.get(), &ui::SegmentEditingFlow::segmentShown);
    m_flow->startNew(adv());
    ASSERT_TRUE(m_form.isNew());
    m_form.nameField()->setText(QStringLiteral("Gamma"));
    ASSERT_TRUE(
        m_form.criteria()->includePicker(core::Dimension::Country)->addFromText(QStringLiteral("US")));
    ASSERT_TRUE(m_flow->canSave());

    bool result = false;
    m_flow->save([&](bool saved) { result = saved; });
    // (The answer may already be in when save() returns; the signals tell the order.)
    TRY_VERIFY(!m_flow->isSaving());
    EXPECT_TRUE(result);
    ASSERT_EQ(saving.count(), 2);
    EXPECT_TRUE(saving.at(0).at(0).toBool());
    EXPECT_FALSE(saving.at(1).at(0).toBool());
    EXPECT_FALSE(m_form.isNew());
    EXPECT_EQ(m_form.base().name, QStringLiteral("Gamma"));
    EXPECT_EQ(shown.last().at(0).toString(), m_form.base().id);
}

TEST_F(SegmentEditingFlowTest, DeleteNeedsConfirmationAndClearsTheForm)
{
    QSignalSpy cleared(m_flow.get(), &ui::SegmentEditingFlow::formCleared);
    m_flow->open(idOf(QStringLiteral("Beta")));
    m_flow->remove(); // no confirmation given: nothing happens
    EXPECT_FALSE(m_history->isBusy());
    EXPECT_TRUE(m_form.hasSegment());

    m_flow->setConfirmDelete([](const QString& name) { return name == QStringLiteral("Beta"); });
    m_flow->remove();
    TRY_COMPARE(cleared.count(), 1);
    EXPECT_FALSE(m_form.hasSegment());
    const core::Segment* beta = m_model.find(idOf(QStringLiteral("Beta")));
    ASSERT_NE(beta, nullptr);
    EXPECT_TRUE(beta->isDeleted());
}

TEST_F(SegmentEditingFlowTest, DuplicateNamesTheCopyFreely)
{
    m_flow->open(idOf(QStringLiteral("Alpha")));
    m_flow->duplicate();
    TRY_COMPARE(m_form.base().name, QStringLiteral("Alpha (copy)"));
    m_flow->open(idOf(QStringLiteral("Alpha")));
    m_flow->duplicate();
    TRY_COMPARE(m_form.base().name, QStringLiteral("Alpha (copy 2)"));
    EXPECT_EQ(m_form.base().status, core::SegmentStatus::Draft);
}
