package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which page addresses the access filter lets through without a sign-in. */
class PageRoutesTest {

    @ParameterizedTest(name = "{0} public: {1}")
    @CsvSource({
            "/status/shop, true",
            "/assets/app.css, true",
            "/, false",
            "/overview/list, false",
            "/monitors/api, false",
            "/incidents/3, false",
            "/manage/monitors/new, false",
            "/manage/channels/ops/test, false",
            "/statusx, false",
            "/status, false",
    })
    void onlyStatusPagesAndAssetsArePublic(String path, boolean isPublic) {
        assertThat(PageRoutes.isPublic(path)).isEqualTo(isPublic);
    }
}
