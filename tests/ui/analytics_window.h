#pragma once

// A main window on a temporary workspace with the detail and comparison views wired to it, for
// the tests of issue 4's views. Dialogs are replaced: file choices and comparison names come
// from the test.
#include <memory>

#include <gtest/gtest.h>

#include <QItemSelectionModel>
#include <QTableView>

#include "analytics/analytics_source.h"
#include "shell/main_window.h"
#include "segments/segment_filter_proxy.h"
#include "segments/segment_list_model.h"
#include "segments/segment_list_pane.h"
#include "support/gtest_qt.h"
#include "support/test_catalogue.h"
#include "temp_workspace.h"
#include "common/toast.h"
#include "common/toast_overlay.h"

namespace uitest {

class AnalyticsWindowTest : public ::testing::Test
{
protected:
    // Opens the window on the workspace, showing the advertiser; analytics from `source`, or
    // from the workspace itself when none is given.
    void open(std::unique_ptr<TempWorkspace> workspace, const QString& advertiser,
              ui::AnalyticsSource source = {})
    {
        ASSERT_TRUE(workspace);
        m_workspace = std::move(workspace);
        m_window = std::make_unique<ui::MainWindow>(m_workspace->store(), testsupport::catalogue(),
                                                    QStringLiteral("tester"));
        m_window->setAnalyticsSource(source ? source : ui::analyticsOf(m_workspace->backend()));
        m_window->setSaveFileChooser(
            [this](const QString&, const QString&, const QString&) { return m_saveFile; });
        m_window->show();
        m_window->start(advertiser);
        TRY_VERIFY_WITH_TIMEOUT(m_window->isSettled(), 20000);
    }

    // Picks the segment in the list as a click would.
    void activate(const QString& name)
    {
        QAbstractItemModel& rows = *m_window->listPane()->proxy();
        for (int r = 0; r < rows.rowCount(); ++r) {
            if (rows.index(r, ui::SegmentListModel::Name).data().toString() == name) {
                m_window->listPane()->view()->selectionModel()->setCurrentIndex(
                    rows.index(r, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                return;
            }
        }
        ADD_FAILURE() << "no row " << name.toStdString();
    }

    bool settled() const { return m_window->isSettled(); }

    bool hasToastContaining(const QString& text) const
    {
        for (const ui::Toast* t : m_window->toasts()->toasts()) {
            if (t->message().contains(text))
                return true;
        }
        return false;
    }

    QString id(const char* name) { return m_workspace->segmentId(QString::fromUtf8(name)); }

    std::unique_ptr<TempWorkspace> m_workspace;
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_saveFile;
};

} // namespace uitest
