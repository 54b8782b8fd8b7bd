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
