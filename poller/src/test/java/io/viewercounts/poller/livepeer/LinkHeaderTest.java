package io.viewercounts.poller.livepeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

  static final URI PAGE = URI.create("https://livepeer.studio/api/stream?streamsonly=1");

  @Test
  void findsTheNextTargetAmongOtherRelations() {
    List<String> header =
        List.of(
            "<https://livepeer.studio/api/stream?cursor=a>; rel=\"prev\", "
                + "<https://livepeer.studio/api/stream?cursor=b>; rel=\"next\"");

    assertThat(LinkHeader.next(header, PAGE))
        .contains(URI.create("https://livepeer.studio/api/stream?cursor=b"));
  }

  @Test
  void resolvesARelativeTargetAgainstThePage() {
    assertThat(LinkHeader.next(List.of("</api/stream?cursor=b>; rel=next"), PAGE))
        .contains(URI.create("https://livepeer.studio/api/stream?cursor=b"));
  }

  @Test
  void acceptsNextAmongSeveralRelationTypesInAnyCase() {
    assertThat(LinkHeader.next(List.of("<?cursor=b>; title=\"more\"; REL=\"Next last\""), PAGE))
        .contains(URI.create("https://livepeer.studio/api/stream?cursor=b"));
  }

  @Test
  void isEmptyOnTheLastPage() {
    assertThat(
            LinkHeader.next(List.of("<https://livepeer.studio/api/stream>; rel=\"first\""), PAGE))
        .isEmpty();
    assertThat(LinkHeader.next(List.of(), PAGE)).isEmpty();
  }

  @Test
  void refusesATargetThatIsNotAUri() {
    assertThatThrownBy(() -> LinkHeader.next(List.of("<https://x y/>; rel=next"), PAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid URI");
  }
}
