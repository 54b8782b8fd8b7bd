#include <gtest/gtest.h>

#include "support/gtest_qt.h"

#include <QLabel>
#include <QTest>
#include <QToolButton>

#include "common/toast.h"
#include "common/toast_overlay.h"

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
