#pragma once

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>

namespace core {

// Waits for a future while keeping this thread's event loop running, so futures that are
// fulfilled by network replies on this thread can finish. For the command line and tests
// only: the GUI never waits.
template <typename T>
T awaitFuture(QFuture<T> future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcher<T>::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    return future.result();
}

} // namespace core
