#pragma once

#include "domain/catalogue.h"

#include <gtest/gtest.h>

namespace testsupport {

// The catalogue compiled into core (resources/catalogue).
inline std::shared_ptr<const core::Catalogue> catalogue()
{
    static std::shared_ptr<const core::Catalogue> loaded = [] {
        auto c = core::Catalogue::load();
        if (!c)
            ADD_FAILURE() << c.error().toString().toStdString();
        return c ? c.value() : nullptr;
    }();
    return loaded;
}

} // namespace testsupport
