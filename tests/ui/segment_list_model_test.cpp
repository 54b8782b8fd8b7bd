#include <gtest/gtest.h>

#include <QAbstractItemModelTester>

#include "segments/segment_filter_proxy.h"
#include "segments/segment_list_model.h"
#include "support/segment_builders.h"

namespace {

core::Segment stored(const QString& id, const QString& name, core::SegmentStatus status, int minutesAgo,
                     bool deleted = false)
{
    core::Segment s = testsupport::draftSegment(QStringLiteral("adv-1"), name);
    s.id = id;
    s.status = status;
    s.version = 1;
    s.updatedAt = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    s.createdAt = s.updatedAt;
    if (deleted)
        s.deletedAt = s.updatedAt;
    return s;
}

QList<core::Segment> sample()
{
    return {
        stored(QStringLiteral("a"), QStringLiteral("Alpha fans"), core::SegmentStatus::Active, 5),
        stored(QStringLiteral("b"), QStringLiteral("beta buyers"), core::SegmentStatus::Draft, 1),
        stored(QStringLiteral("c"), QStringLiteral("Gamma; DROP TABLE x"), core::SegmentStatus::Archived, 9),
        stored(QStringLiteral("d"), QStringLiteral("Deleted one"), core::SegmentStatus::Active, 3, true)};
}

QStringList namesInOrder(const QAbstractItemModel& m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out.append(m.index(r, ui::SegmentListModel::Name).data().toString());
    return out;
}

} // namespace

TEST(SegmentListModel, PassesTheItemModelTesterThroughResetsUpsertsAndReach)
{
    ui::SegmentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ui::SegmentFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);

    model.setSegments(sample());
    EXPECT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.columnCount(), ui::SegmentListModel::Count);
    model.upsert(stored(QStringLiteral("e"), QStringLiteral("Epsilon"), core::SegmentStatus::Draft, 0));
    EXPECT_EQ(model.rowCount(), 5);
    core::Segment renamed = model.segmentAt(0);
    renamed.name = QStringLiteral("Alpha fans (renamed)");
    model.upsert(renamed);
    EXPECT_EQ(model.rowCount(), 5);
    EXPECT_EQ(model.index(0, ui::SegmentListModel::Name).data().toString(),
              QStringLiteral("Alpha fans (renamed)"));
    model.setReach({{QStringLiteral("a"), 1200}, {QStringLiteral("b"), 90}});
    model.setReachOf(QStringLiteral("c"), 15000);
    proxy.setSearchText(QStringLiteral("a"));
    proxy.setStatusFilter(ui::SegmentFilterProxy::StatusFilter::Deleted);
    proxy.sort(ui::SegmentListModel::Reach, Qt::DescendingOrder);
    model.setSegments({});
    EXPECT_EQ(proxy.rowCount(), 0);
}

TEST(SegmentListModel, ShowsStatusReachAndKeepsNamesVerbatim)
{
    ui::SegmentListModel model;
    model.setSegments(sample());
    model.setReach({{QStringLiteral("a"), 1234567}});
    EXPECT_EQ(model.index(2, ui::SegmentListModel::Name).data().toString(),
              QStringLiteral("Gamma; DROP TABLE x"));
    EXPECT_EQ(model.index(0, ui::SegmentListModel::Status).data().toString(), QStringLiteral("Active"));
    EXPECT_EQ(model.index(3, ui::SegmentListModel::Status).data().toString(), QStringLiteral("Deleted"));
    EXPECT_EQ(model.index(0, ui::SegmentListModel::Reach).data(ui::SegmentListModel::SortRole).toLongLong(),
              1234567);
    EXPECT_EQ(model.index(1, ui::SegmentListModel::Reach).data(ui::SegmentListModel::SortRole).toLongLong(),
              -1);
    EXPECT_EQ(model.takenNameKeys(),
              (QSet<QString>{QStringLiteral("alpha fans"), QStringLiteral("beta buyers"),
                             QStringLiteral("gamma; drop table x")}));
    EXPECT_FALSE(model.takenNameKeys(QStringLiteral("a")).contains(QStringLiteral("alpha fans")));
}

TEST(SegmentFilterProxy, FiltersByTextAndStatusAndHidesDeletedUnlessAsked)
{
    ui::SegmentListModel model;
    model.setSegments(sample());
    ui::SegmentFilterProxy proxy;
    proxy.setSourceModel(&model);
    EXPECT_EQ(proxy.rowCount(), 3) << "deleted segments are hidden by default";

    proxy.setShowDeleted(true);
    EXPECT_EQ(proxy.rowCount(), 4);
    proxy.setShowDeleted(false);

    proxy.setSearchText(QStringLiteral("  BETA "));
    EXPECT_EQ(namesInOrder(proxy), QStringList{QStringLiteral("beta buyers")});
    proxy.setSearchText(QStringLiteral("test segment")); // description matches too
    EXPECT_EQ(proxy.rowCount(), 3);
    proxy.setSearchText(QString());

    proxy.setStatusFilter(ui::SegmentFilterProxy::StatusFilter::Archived);
    EXPECT_EQ(namesInOrder(proxy), QStringList{QStringLiteral("Gamma; DROP TABLE x")});
    proxy.setStatusFilter(ui::SegmentFilterProxy::StatusFilter::Deleted);
    EXPECT_EQ(namesInOrder(proxy), QStringList{QStringLiteral("Deleted one")});
}

TEST(SegmentFilterProxy, SortsReachNumericallyAndNamesIgnoringCase)
{
    ui::SegmentListModel model;
    model.setSegments(sample());
    model.setReach({{QStringLiteral("a"), 900}, {QStringLiteral("b"), 10000}, {QStringLiteral("c"), 80}});
    ui::SegmentFilterProxy proxy;
    proxy.setSourceModel(&model);

    proxy.sort(ui::SegmentListModel::Reach, Qt::DescendingOrder);
    EXPECT_EQ(namesInOrder(proxy), (QStringList{QStringLiteral("beta buyers"), QStringLiteral("Alpha fans"),
                                                QStringLiteral("Gamma; DROP TABLE x")}))
        << "10000 > 900 > 80 as numbers, not as text";

    proxy.sort(ui::SegmentListModel::Name, Qt::AscendingOrder);
    EXPECT_EQ(namesInOrder(proxy), (QStringList{QStringLiteral("Alpha fans"), QStringLiteral("beta buyers"),
                                                QStringLiteral("Gamma; DROP TABLE x")}));

    proxy.sort(ui::SegmentListModel::Updated, Qt::DescendingOrder);
    EXPECT_EQ(namesInOrder(proxy).first(), QStringLiteral("beta buyers"))
        << "updated 1 minute ago: newest first";
}

TEST(SegmentListModel, MergingTheReachOfOneSegmentKeepsTheOthers)
{
    ui::SegmentListModel model;
    model.setSegments(sample());
    model.setReach({{QStringLiteral("a"), 10}, {QStringLiteral("b"), 20}});
    model.mergeReach({{QStringLiteral("b"), 25}});
    EXPECT_EQ(model.index(0, ui::SegmentListModel::Reach).data(ui::SegmentListModel::SortRole).toLongLong(),
              10);
    EXPECT_EQ(model.index(1, ui::SegmentListModel::Reach).data(ui::SegmentListModel::SortRole).toLongLong(),
              25);
}
