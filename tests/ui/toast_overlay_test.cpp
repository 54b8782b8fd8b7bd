#include <gtest/gtest.h>

#include "support/gtest_qt.h"

#include <QLabel>
#include <QTest>
#include <QToolButton>

#include "common/error_catalogue.h"
#include "common/toast.h"
#include "common/toast_overlay.h"
#include "common/view_message.h"

TEST(ToastOverlay, SuccessHidesByItselfErrorsStayWithRemediationAndDetails)
{
    QWidget host;
    host.resize(800, 600);
    host.show();
    ui::ToastOverlay overlay(&host);
    ui::Toast* ok = overlay.showSuccess(QStringLiteral("Saved “A” (version 2)"));
    ok->setAutoHide(50);
    core::Error error = core::Error::storage(QStringLiteral("The workspace is read-only."),
                                             QStringLiteral("attempt to write a readonly database"),
                                             QStringLiteral("Check the file permissions."));
    ui::Toast* bad = overlay.showError(error, QStringLiteral("Could not save “A”"));
    EXPECT_EQ(overlay.toasts().size(), 2);
    EXPECT_EQ(bad->message(), QStringLiteral("Could not save “A”: The workspace is read-only."));

    QStringList texts;
    for (const QLabel* l : bad->findChildren<QLabel*>())
        texts.append(l->text());
    EXPECT_TRUE(texts.contains(QStringLiteral("Check the file permissions.")));
    EXPECT_TRUE(
        texts.join(QLatin1Char('|')).contains(QStringLiteral("attempt to write a readonly database")));

    TRY_COMPARE(overlay.toasts().size(), 1);
    EXPECT_EQ(overlay.toasts().front()->kind(), ui::Toast::Kind::Error);
    QTest::qWait(100);
    EXPECT_EQ(overlay.toasts().size(), 1) << "errors stay until closed";
    const auto buttons = bad->findChildren<QToolButton*>();
    auto close = std::find_if(buttons.begin(), buttons.end(), [](QToolButton* b) {
        return b->accessibleName() == QStringLiteral("Close notification");
    });
    ASSERT_NE(close, buttons.end());
    QTest::mouseClick(*close, Qt::LeftButton);
    TRY_COMPARE(overlay.toasts().size(), 0);
}

TEST(ToastOverlay, AnErrorWithoutRemediationShowsTheErrorTablesFix)
{
    QWidget host;
    host.resize(800, 600);
    host.show();
    ui::ToastOverlay overlay(&host);
    // segment_cycle comes from the validator without a remediation of its own.
    const core::Error error = core::Error::validation(QStringLiteral("segment_cycle"),
                                                      QStringLiteral("A segment cannot include or exclude itself."));
    ASSERT_TRUE(error.remediation.isEmpty());
    ui::Toast* toast = overlay.showError(error, QStringLiteral("Could not save “A”"));
    const core::ErrorCatalogueEntry* entry = core::ErrorCatalogue::find(QStringLiteral("segment_cycle"));
    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(toast->remediation(), QString::fromUtf8(entry->fix));

    ui::ViewMessage message(&host);
    message.showError(error, {});
    EXPECT_TRUE(message.text().endsWith(QString::fromUtf8(entry->fix))) << message.text().toStdString();

    // What the call site says to do wins over the table.
    core::Error own = error;
    own.remediation = QStringLiteral("Remove the reference to “A”.");
    EXPECT_EQ(overlay.showError(own)->remediation(), own.remediation);
}

// A change kept on this computer (the outbox) is said once: folded into the success toast of the
// flow that made it, which then is an info toast, or alone when no such toast follows.
TEST(ToastOverlay, AQueuedChangeIsSaidOnceAndNeverReadsAsDoneOnTheWorkspace)
{
    QWidget host;
    host.resize(800, 600);
    host.show();
    ui::ToastOverlay overlay(&host);
    const QString note = QStringLiteral("Saved on this computer — will sync when the shared workspace answers again.");
    overlay.showQueued(note);
    EXPECT_TRUE(overlay.toasts().isEmpty()) << "waits for the flow's own toast";
    ui::Toast* folded = overlay.showSuccess(QStringLiteral("Stopped “Spring test” on 2026-12-08."));
    ASSERT_EQ(overlay.toasts().size(), 1);
    EXPECT_EQ(folded->kind(), ui::Toast::Kind::Info);
    EXPECT_EQ(folded->message(), QStringLiteral("Stopped “Spring test” on 2026-12-08. ") + note);
    // The next success is a success again, and the note does not come back on its own.
    EXPECT_EQ(overlay.showSuccess(QStringLiteral("Saved “A” (version 2)"))->kind(), ui::Toast::Kind::Success);
    QTest::qWait(ui::ToastOverlay::kFoldMilliseconds + 200);
    int notes = 0;
    for (const ui::Toast* t : overlay.toasts())
        notes += t->message().contains(QStringLiteral("Saved on this computer")) ? 1 : 0;
    EXPECT_EQ(notes, 1);

    // A message without a full stop gets one before the note.
    ui::ToastOverlay second(&host);
    second.showQueued(note);
    EXPECT_EQ(second.showSuccess(QStringLiteral("Saved “A” (version 3)"))->message(),
              QStringLiteral("Saved “A” (version 3). ") + note);

    // Nothing follows: the note alone, once.
    ui::ToastOverlay third(&host);
    third.showQueued(note);
    third.showQueued(note); // two changes at once
    TRY_COMPARE(third.toasts().size(), 1);
    EXPECT_EQ(third.toasts().front()->message(), note);
    EXPECT_EQ(third.toasts().front()->kind(), ui::Toast::Kind::Info);
    QTest::qWait(ui::ToastOverlay::kFoldMilliseconds + 200);
    EXPECT_EQ(third.toasts().size(), 1);
}
