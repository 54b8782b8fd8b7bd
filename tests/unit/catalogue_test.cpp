// The criteria catalogue shipped in resources/ loads and is complete.
#include "domain/catalogue.h"
#include "support/test_catalogue.h"

#include <gtest/gtest.h>

using core::Dimension;

TEST(Catalogue, ShipsEveryDimension)
{
    auto c = testsupport::catalogue();
    ASSERT_TRUE(c);
    EXPECT_EQ(c->values(Dimension::Age),
              (QStringList{QStringLiteral("18-24"), QStringLiteral("25-34"), QStringLiteral("35-44"), QStringLiteral("45-54"),
                           QStringLiteral("55-64"), QStringLiteral("65+")}));
    EXPECT_EQ(c->values(Dimension::Gender), (QStringList{QStringLiteral("female"), QStringLiteral("male"), QStringLiteral("unknown")}));
    EXPECT_EQ(c->values(Dimension::Device),
              (QStringList{QStringLiteral("desktop"), QStringLiteral("mobile"), QStringLiteral("tablet"), QStringLiteral("ctv")}));
    EXPECT_GE(c->values(Dimension::Country).size(), 240);
    EXPECT_GE(c->values(Dimension::Interest).size(), 300);
    EXPECT_EQ(c->eventTypes(), (QStringList{QStringLiteral("impression"), QStringLiteral("click"), QStringLiteral("conversion")}));
}

TEST(Catalogue, LabelsAndHierarchy)
{
    auto c = testsupport::catalogue();
    EXPECT_EQ(c->label(Dimension::Country, QStringLiteral("DE")), QStringLiteral("Germany"));
    EXPECT_EQ(c->label(Dimension::Region, QStringLiteral("US-CA")), QStringLiteral("California (US)"));
    EXPECT_EQ(c->label(Dimension::Interest, QStringLiteral("gaming.mobile")), QStringLiteral("Gaming › Mobile Games"));
    EXPECT_EQ(c->label(Dimension::Device, QStringLiteral("ctv")), QStringLiteral("Connected TV"));
    EXPECT_EQ(c->regionsOf(QStringLiteral("US")).size(), 51);
    EXPECT_TRUE(c->interestDescendants(QStringLiteral("gaming")).contains(QStringLiteral("gaming.console.xbox")));
    for (const auto& region : c->entries(Dimension::Region))
        EXPECT_TRUE(c->contains(Dimension::Country, region.parent)) << region.value.toStdString();
}

TEST(Catalogue, MissingOrDamagedFilesGiveClearErrors)
{
    auto missing = core::Catalogue::load(QStringLiteral("/nonexistent"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, core::ErrorKind::Io);
}
