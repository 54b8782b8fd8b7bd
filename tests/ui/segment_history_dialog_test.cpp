// View ▸ History of a segment: its versions with who and when, the field-by-field diff of any two,
// and Restore This Version (a new version, asked first, guarded by the current version).
#include <gtest/gtest.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include "common/future_wait.h"
#include "scripted_store.h"
#include "segments/segment_form.h"
#include "segments/segment_history_dialog.h"
#include "segments/segment_list_model.h"
#include "segments/segment_list_pane.h"
#include "shell/main_window.h"
#include "shell/main_window_actions.h"
#include "support/gtest_qt.h"
#include "support/segment_builders.h"
#include "temp_workspace.h"

namespace {

class SegmentHistoryDialogTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_workspace = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha"), QStringLiteral("Beta")});
        ASSERT_TRUE(m_workspace);
        // Version 2 of Alpha: renamed, Canada added, by someone else.
        core::Segment alpha = find(QStringLiteral("Alpha"));
        core::Segment edited = alpha;
        edited.name = QStringLiteral("Alpha Two");
        edited.definition = testsupport::countries({QStringLiteral("US"), QStringLiteral("CA")});
        auto v2 = core::awaitFuture(m_workspace->store().updateSegment(edited, QStringLiteral("kim")));
        ASSERT_TRUE(v2) << v2.error().toString().toStdString();
        m_id = alpha.id;

        m_store = std::make_unique<uitest::ScriptedStore>(m_workspace->store());
        m_window =
            std::make_unique<ui::MainWindow>(*m_store, testsupport::catalogue(), QStringLiteral("tester"));
        m_window->show();
        m_window->openSegmentWhenLoaded(m_id);
        m_window->start(QString::fromLatin1(uitest::TempWorkspace::kAdvertiser));
        TRY_VERIFY_WITH_TIMEOUT(m_window->isSettled(), 10000);
        ASSERT_EQ(m_window->form()->base().id, m_id);
    }

    core::Segment find(const QString& name)
    {
        core::SegmentQuery q;
        auto listed = core::awaitFuture(m_workspace->store().listSegments(q));
        EXPECT_TRUE(listed);
        for (const auto& s : listed.value())
            if (s.name == name)
                return s;
        return {};
    }

    QList<core::SegmentVersion> history()
    {
        auto r = core::awaitFuture(m_workspace->store().segmentHistory(m_id));
        EXPECT_TRUE(r) << r.error().toString().toStdString();
        return r ? r.value() : QList<core::SegmentVersion>{};
    }

    ui::SegmentHistoryDialog* openFromTheMenu()
    {
        QAction* action = m_window->actions()->showHistory;
        EXPECT_TRUE(action->isEnabled());
        action->trigger();
        auto* dialog = m_window->findChild<ui::SegmentHistoryDialog*>();
        EXPECT_TRUE(dialog);
        if (dialog) {
            EXPECT_TRUE(QTest::qWaitFor(
                [dialog] { return !dialog->isBusy() && !dialog->versions().isEmpty(); }, 5000));
        }
        return dialog;
    }

    // The diff table's rows as "label|before|after|differs".
    static QStringList diffRows(const ui::SegmentHistoryDialog& d)
    {
        QStringList out;
        const QTableWidget* t = d.diffTable();
        for (int r = 0; r < t->rowCount(); ++r)
            out << QStringLiteral("%1|%2|%3|%4")
                       .arg(t->item(r, 0)->text(), t->item(r, 1)->text(), t->item(r, 2)->text(),
                            t->item(r, 0)->font().bold() ? QStringLiteral("differs")
                                                         : QStringLiteral("same"));
        return out;
    }

    std::unique_ptr<uitest::TempWorkspace> m_workspace;
    std::unique_ptr<uitest::ScriptedStore> m_store;
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_id;
};

TEST_F(SegmentHistoryDialogTest, ListsTheVersionsWithWhoAndWhenAndDiffsTheLastTwo)
{
    ui::SegmentHistoryDialog* d = openFromTheMenu();
    ASSERT_TRUE(d);
    const QTableWidget* versions = d->versionTable();
    ASSERT_EQ(versions->rowCount(), 2);
    EXPECT_EQ(versions->item(0, 0)->text(), QStringLiteral("2 (current)")); // newest first
    EXPECT_EQ(versions->item(0, 3)->text(), QStringLiteral("kim"));
    EXPECT_EQ(versions->item(0, 4)->text(), QStringLiteral("Alpha Two"));
    EXPECT_EQ(versions->item(1, 0)->text(), QStringLiteral("1"));
    EXPECT_EQ(versions->item(1, 1)->text(), QStringLiteral("Created"));
    EXPECT_EQ(versions->item(1, 3)->text(), QStringLiteral("tester"));
    EXPECT_FALSE(versions->item(1, 2)->text().isEmpty());

    EXPECT_EQ(d->fromBox()->currentData().toInt(), 1);
    EXPECT_EQ(d->toBox()->currentData().toInt(), 2);
    EXPECT_TRUE(d->summaryLabel()->text().contains(QStringLiteral("2 fields differ")))
        << d->summaryLabel()->text().toStdString();
    const QStringList rows = diffRows(*d);
    EXPECT_TRUE(rows.contains(QStringLiteral("Name|Alpha|Alpha Two|differs")))
        << rows.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(rows.contains(QStringLiteral("Status|Active|Active|same")))
        << rows.join(QLatin1Char('\n')).toStdString();
    bool country = false;
    for (const QString& r : rows)
        country = country || (r.startsWith(QStringLiteral("Country|")) &&
                              r.endsWith(QStringLiteral("|differs")) && r.contains(QStringLiteral("Canada")));
    EXPECT_TRUE(country) << rows.join(QLatin1Char('\n')).toStdString();

    d->changedOnlyBox()->setChecked(true);
    EXPECT_EQ(d->diffTable()->rowCount(), 2);
    // Any two versions, in either order.
    d->compare(2, 1);
    EXPECT_TRUE(diffRows(*d).contains(QStringLiteral("Name|Alpha Two|Alpha|differs")));
    d->compare(2, 2);
    EXPECT_TRUE(d->summaryLabel()->text().contains(QStringLiteral("same content")));
    EXPECT_EQ(d->diffTable()->rowCount(), 0);

    // The current version cannot be restored; the button says why.
    EXPECT_FALSE(d->restoreButton()->isEnabled());
    EXPECT_TRUE(d->restoreButton()->toolTip().contains(QStringLiteral("current version")));
}

TEST_F(SegmentHistoryDialogTest, KeyboardPicksAVersionAndRestoresItAsANewVersionAfterAsking)
{
    ui::SegmentHistoryDialog* d = openFromTheMenu();
    ASSERT_TRUE(d);
    QStringList questions;
    d->setConfirm([&questions](const QString& q) {
        questions << q;
        return true;
    });
    const QList<core::SegmentVersion> before = history();

    d->activateWindow();
    d->versionTable()->setFocus();
    QTest::keyClick(d->versionTable(), Qt::Key_Down); // version 1
    QTest::keyClick(d->versionTable(), Qt::Key_Return);
    EXPECT_EQ(d->toBox()->currentData().toInt(), 1);
    ASSERT_TRUE(d->restoreButton()->isEnabled()) << d->restoreButton()->toolTip().toStdString();
    d->restoreButton()->setFocus();
    QTest::keyClick(d->restoreButton(), Qt::Key_Space);
    ASSERT_EQ(questions.size(), 1);
    EXPECT_TRUE(questions.first().contains(QStringLiteral("version 1"))) << questions.first().toStdString();
    EXPECT_TRUE(questions.first().contains(QStringLiteral("new version 3")))
        << questions.first().toStdString();
    TRY_VERIFY_WITH_TIMEOUT(!d->isBusy() && d->versions().size() == 3, 5000);

    const QList<core::SegmentVersion> after = history();
    ASSERT_EQ(after.size(), 3);
    EXPECT_EQ(after[0], before[0]); // never rewritten
    EXPECT_EQ(after[1], before[1]);
    EXPECT_EQ(after[2].change, QStringLiteral("reverted"));
    EXPECT_EQ(after[2].name, QStringLiteral("Alpha"));
    EXPECT_EQ(after[2].definition, before[0].definition);
    EXPECT_EQ(after[2].changedBy, QStringLiteral("tester"));
    EXPECT_EQ(d->versionTable()->item(0, 0)->text(), QStringLiteral("3 (current)"));
    EXPECT_EQ(d->versionTable()->item(0, 1)->text(), QStringLiteral("Restored an older version"));
    // The window shows the restored content at once.
    TRY_VERIFY(m_window->form()->base().version == 3);
    EXPECT_EQ(m_window->form()->nameField()->text(), QStringLiteral("Alpha"));
    EXPECT_EQ(m_window->listModel()->find(m_id)->name, QStringLiteral("Alpha"));
}

TEST_F(SegmentHistoryDialogTest, DecliningChangesNothingAndAStaleRestoreIsRefusedWithTheReason)
{
    ui::SegmentHistoryDialog* d = openFromTheMenu();
    ASSERT_TRUE(d);
    d->setConfirm([](const QString&) { return false; });
    d->versionTable()->selectRow(1);
    d->restoreSelected();
    EXPECT_FALSE(d->isBusy());
    EXPECT_EQ(history().size(), 2);

    // Someone saves version 3 while the dialog shows version 2 as current.
    core::Segment current = find(QStringLiteral("Alpha Two"));
    current.description = QStringLiteral("changed elsewhere");
    ASSERT_TRUE(core::awaitFuture(m_workspace->store().updateSegment(current, QStringLiteral("lee"))));
    d->setConfirm([](const QString&) { return true; });
    d->versionTable()->selectRow(1);
    QSignalSpy failed(d, &ui::SegmentHistoryDialog::failed);
    d->restoreSelected();
    TRY_VERIFY(!d->isBusy());
    ASSERT_EQ(failed.size(), 1);
    EXPECT_EQ(failed.first().first().value<core::Error>().code, QStringLiteral("version_conflict"));
    EXPECT_TRUE(
        d->findChild<QLabel*>(QStringLiteral("historyStatus"))->text().contains(QStringLiteral("lee")));
    const auto versions = history();
    ASSERT_EQ(versions.size(), 3);
    EXPECT_EQ(versions.last().changedBy, QStringLiteral("lee"));
}

} // namespace
