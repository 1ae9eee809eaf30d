package dev.kvlens.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void writesHeaderRowsAndQuotesOnlyWhenNeeded() {
        Csv csv = new Csv("variant", "tokens", "ms").row("GQA-8", 4096, 1.25).row("a,b", 2L, 3.0).row("say \"hi\"", null,
                Double.NaN);
        assertThat(csv.rows()).isEqualTo(3);
        assertThat(csv.text()).isEqualTo("variant,tokens,ms\nGQA-8,4096,1.25\n\"a,b\",2,3\n\"say \"\"hi\"\"\",,\n");
    }

    @Test
    void numbersIgnoreTheDefaultLocale() {
        java.util.Locale old = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(new Csv("x").row(0.5).row(1e-7).text()).isEqualTo("x\n0.5\n0.0000001\n");
        } finally {
            java.util.Locale.setDefault(old);
        }
    }

    @Test
    void exportTargetsNeedTheirSupplierAndSuggestSafeNames() {
        assertThatThrownBy(() -> new ExportTarget("x", "k", ExportTarget.Kind.PNG, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        ExportTarget png = ExportTarget.png("decode chart", "k", () -> null);
        assertThat(png.suggestedFileName(1)).isEqualTo("kvlens-decode-chart.png");
        assertThat(png.suggestedFileName(2)).isEqualTo("kvlens-decode-chart@2x.png");
        assertThat(ExportTarget.csv("decode", "k", () -> "").suggestedFileName(1)).isEqualTo("kvlens-decode.csv");
    }
}
