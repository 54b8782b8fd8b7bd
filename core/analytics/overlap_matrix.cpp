#include "analytics/overlap_matrix.h"

#include "sql/overlap_query_builder.h"

namespace core {

double OverlapMatrix::shareOf(int i, int j) const
{
    const qint64 base = size(i);
    return base > 0 ? static_cast<double>(sharedUsers(i, j)) / static_cast<double>(base) : 0.0;
}

double OverlapMatrix::jaccard(int i, int j) const
{
    const qint64 both = sharedUsers(i, j);
    const qint64 either = size(i) + size(j) - both;
    return either > 0 ? static_cast<double>(both) / static_cast<double>(either) : 0.0;
}

OverlapMatrix OverlapMatrix::fromQueryRow(int n, const std::function<qint64(const QString& column)>& value)
{
    OverlapMatrix m;
    m.activeUsers = value(QStringLiteral("active_users"));
    m.shared = QList<QList<qint64>>(n, QList<qint64>(n, 0));
    for (int i = 0; i < n; ++i) {
        m.shared[i][i] = value(OverlapQueryBuilder::sizeColumn(i));
        for (int j = i + 1; j < n; ++j)
            m.shared[i][j] = m.shared[j][i] = value(OverlapQueryBuilder::sharedColumn(i, j));
    }
    return m;
}

} // namespace core
