#pragma once

#include <QFuture>
#include <QPromise>

#include <memory>

namespace core {

// A promise shared by the steps of one asynchronous chain (list pages, then create; send, then
// resend without the rejected members), finished exactly once.
template <typename T>
class SharedPromise
{
public:
    SharedPromise() : m_promise(std::make_shared<QPromise<T>>()) { m_promise->start(); }

    QFuture<T> future() const { return m_promise->future(); }
    void finish(T value) const
    {
        if (m_promise->future().isFinished())
            return;
        m_promise->addResult(std::move(value));
        m_promise->finish();
    }

private:
    std::shared_ptr<QPromise<T>> m_promise;
};

} // namespace core
