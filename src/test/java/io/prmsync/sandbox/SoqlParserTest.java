package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.sandbox.SoqlQuery.Comparison;
import io.prmsync.sandbox.SoqlQuery.InList;
import io.prmsync.sandbox.SoqlQuery.Like;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SoqlParserTest {

    @Test
    void readsSelectListWithRelationshipPathsOrderByAndLimit() {
        SoqlQuery query = SoqlParser.parse("select Id, PartnerAccount.PRM_Partner_Id__c from Lead"
                + " order by SystemModstamp asc nulls last, Id desc limit 500");

        assertThat(query.fields())
                .extracting(SoqlQuery.FieldPath::text)
                .containsExactly("Id", "PartnerAccount.PRM_Partner_Id__c");
        assertThat(query.from()).isEqualTo("Lead");
        assertThat(query.orderBy()).extracting(SoqlQuery.OrderItem::descending).containsExactly(false, true);
        assertThat(query.orderBy().get(0).nullsLast()).isTrue();
        assertThat(query.limit()).isEqualTo(500);
    }

    @Test
    void readsCountQueries() {
        assertThat(SoqlParser.parse("SELECT COUNT() FROM Account").count()).isTrue();
    }

    @Test
    void decodesEveryStringEscape() {
        Comparison where = (Comparison)
                SoqlParser.parse("SELECT Id FROM Account WHERE Name = 'a\\'b\\\"c\\\\d\\ne\\rf\\tg\\bh\\fi\\_j\\%k'")
                        .where();

        assertThat(where.value().value()).isEqualTo("a'b\"c\\d\ne\rf\tg\bh\fi_j%k");
    }

    @Test
    void likePatternsKeepEscapedWildcardsLiteral() {
        Like like = (Like) SoqlParser.parse("SELECT Id FROM Account WHERE Name LIKE '5\\%_off%'")
                .where();

        assertThat("5%Xoff and more").matches(like.pattern().likeRegex());
        assertThat("55Xoff").doesNotMatch(like.pattern().likeRegex());
    }

    @Test
    void readsNumberDateAndEveryDatetimeLiteralForm() {
        InList in = (InList) SoqlParser.parse("SELECT Id FROM Account WHERE CreatedDate IN"
                        + " (2024-01-01T00:00:00Z, 2024-01-01T01:00:00+01:00, 2024-01-01T00:00:00.000+0000)")
                .where();
        Comparison date = (Comparison)
                SoqlParser.parse("SELECT Id FROM Account WHERE Partner_Tier_Override_Expires__c = 2024-02-29")
                        .where();
        Comparison number = (Comparison) SoqlParser.parse("SELECT Id FROM Account WHERE AnnualRevenue > -1.5")
                .where();

        assertThat(in.values())
                .extracting(SoqlQuery.Literal::value)
                .containsOnly(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(date.value().value()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(number.value().value()).isEqualTo(new BigDecimal("-1.5"));
    }

    @Test
    void notBindsTighterThanAnd() {
        SoqlQuery.Condition where = SoqlParser.parse("SELECT Id FROM Account WHERE NOT Name = 'a' AND IsPartner = true")
                .where();

        assertThat(where).isInstanceOf(SoqlQuery.And.class);
        assertThat(((SoqlQuery.And) where).terms().get(0)).isInstanceOf(SoqlQuery.Not.class);
    }

    @Test
    void refusesAndMixedWithOrAtOneLevel() {
        assertThatThrownBy(() ->
                        SoqlParser.parse("SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b' AND Phone = null"))
                .isInstanceOf(SoqlException.class)
                .hasMessage("unexpected token: 'AND'");
    }

    @Test
    void reportsWhereTheQueryWentWrong() {
        String soql = "SELECT Id\nFROM Account\nWHERE Name == 'a'";

        ApiException error = catchSoql(soql).toApiException(soql);

        assertThat(error.getMessage())
                .isEqualTo("MALFORMED_QUERY: \nWHERE Name == 'a'\n            ^\n"
                        + "ERROR at Row:3:Column:13\nunexpected token: '='");
    }

    @Test
    void refusesUnknownEscapesUnterminatedStringsAndSubqueries() {
        assertThat(catchSoql("SELECT Id FROM Account WHERE Name = 'a\\qb'").getMessage())
                .contains("Illegal character sequence '\\q' in string literal");
        assertThat(catchSoql("SELECT Id FROM Account WHERE Name = 'open").getMessage())
                .contains("unterminated string literal");
        assertThat(catchSoql("SELECT Id FROM Lead WHERE PartnerAccountId IN (SELECT Id FROM Account)")
                        .getMessage())
                .contains("semi-join");
        assertThat(catchSoql("SELECT FROM Account").getMessage()).isEqualTo("unexpected token: 'FROM'");
    }

    private static SoqlException catchSoql(String soql) {
        try {
            SoqlParser.parse(soql);
        } catch (SoqlException e) {
            return e;
        }
        throw new AssertionError("parsed without error: " + soql);
    }
}
