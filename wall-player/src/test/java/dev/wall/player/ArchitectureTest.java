package dev.wall.player;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of docs/architecture.md, on the main classes of wall-core and wall-player. A
 * change that breaks one fails the build with the rule's own words.
 */
class ArchitectureTest {
  private static final java.util.regex.Pattern TEST_JAR =
      java.util.regex.Pattern.compile(".*-tests\\.jar.*");
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    // wall-core is a folder of classes in a build of two modules and a jar in the whole reactor's;
    // either way its tests (a folder, or its -tests jar) are left out.
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.matches(TEST_JAR))
            .importPackages("dev.wall");
  }

  @Test
  void noPackageCycles() {
    check(
        slices()
            .matching("dev.wall.(**)")
            .should()
            .beFreeOfCycles()
            .because(
                "data flows one way, layout -> plan -> ranks -> players, and a package that imports"
                    + " one that imports it back can be neither read nor changed on its own"));
  }

  @Test
  void coreImportsNothingOfThePlayerModule() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.wall.core..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.wall.player..")
            .because(
                "wall-core is what needs no process: the layout, the sync maths, setup's file"
                    + " editing; wall-player builds on it, never the other way"));
  }

  @Test
  void onlyMpiImportsOpenMpi() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.wall.player.mpi..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("mpi..")
            .because(
                "MPI stays behind the Communicator interface (dev.wall.player.mpi), so everything"
                    + " else runs and is tested without it"));
  }

  @Test
  void onlyTheCliMapsOutcomesToExitCodes() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.wall.player.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.wall.player.cli.common")
            .because(
                "only the CLI turns how a run ended into an exit code and a message; the layers"
                    + " below it return what happened"));
  }

  @Test
  void theWireIsOnlyData() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.wall.player.wire..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.wall.player.players..",
                "dev.wall.player.process..",
                "dev.wall.player.rank..",
                "dev.wall.player.launch..")
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(ProcessBuilder.class, Runtime.class)
            .because(
                "wire/ is what the controller, the ranks and the nodes say to each other, records and"
                    + " codecs both sides import; it starts nothing and knows no player"));
  }

  @Test
  void aBackendIsKnownOnlyToItsOwnPackageAndTheRegistry() {
    String[] backends = {
      "dev.wall.player.players.mpv..",
      "dev.wall.player.players.omxplayer..",
      "dev.wall.player.players.vlc.."
    };
    check(
        noClasses()
            .that()
            .resideOutsideOfPackages(concat(backends, "dev.wall.player.players.registry.."))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(backends)
            .because(
                "a backend is its own package and one line in players/registry/Backends: the rank and"
                    + " the status page ask a backend what it offers (early start, blank screen, thumbnails)"
                    + " instead of testing for one"));
  }

  @Test
  void onlyTheProcessRunnerStartsProcesses() {
    check(ONLY_THE_RUNNER_STARTS_PROCESSES);
  }

  private static final ArchRule ONLY_THE_RUNNER_STARTS_PROCESSES =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.wall.player.process..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(ProcessBuilder.class)
          .orShould()
          .callMethodWhere(
              JavaCall.Predicates.target(HasName.Predicates.name("exec"))
                  .and(
                      JavaCall.Predicates.target(
                          HasOwner.Predicates.With.owner(
                              JavaClass.Predicates.assignableTo(Runtime.class)))))
          .because(
              "every child is started by process/ChildProcess (or its short call, Processes.run), so"
                  + " every one is stopped by one contract, asked then forced, and none outlives the JVM");

  @Test
  void nothingExitsOutsideMain() {
    check(NOTHING_EXITS_OUTSIDE_MAIN);
  }

  private static final ArchRule NOTHING_EXITS_OUTSIDE_MAIN =
      noCodeUnits()
          .that()
          .doNotHaveName("main")
          .should(callSystemExit())
          .because(
              "a command that ends the JVM from deep inside skips the shutdown hook's order and"
                  + " the caller's report; only a main method ends its process");

  /** Code that breaks two rules, to show the rules catch it (the class is imported alone). */
  static final class Offender {
    void stopEverything() throws java.io.IOException {
      new ProcessBuilder("true").start();
      System.exit(3);
    }
  }

  @Test
  void theRulesCatchABreakInTheirOwnWords() {
    JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);
    for (ArchRule rule : List.of(ONLY_THE_RUNNER_STARTS_PROCESSES, NOTHING_EXITS_OUTSIDE_MAIN)) {
      AssertionError broken = assertThrows(AssertionError.class, () -> rule.check(offender));
      assertTrue(broken.getMessage().contains("because"), broken.getMessage());
      assertTrue(broken.getMessage().contains("Offender"), broken.getMessage());
    }
  }

  @Test
  void lowerLayersDoNotImportUpperOnes() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.wall.player.players..",
                "dev.wall.player.rank..",
                "dev.wall.player.wire..",
                "dev.wall.player.nodes..",
                "dev.wall.player.launch..",
                "dev.wall.player.process..",
                "dev.wall.player.versions..",
                "dev.wall.player.control..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.wall.player.cli..",
                "dev.wall.player.show..",
                "dev.wall.player.status..",
                "dev.wall.player.packaging..")
            .because(
                "the CLI drives a show, the show drives launches and the status; nothing below"
                    + " reaches back up"));
    check(
        noClasses()
            .that()
            .resideInAnyPackage("dev.wall.player.players..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.wall.player.rank..",
                "dev.wall.player.launch..",
                "dev.wall.player.nodes..",
                "dev.wall.player.wire..")
            .because(
                "a player knows its screen's spec and nothing of ranks, launches or the wire"));
  }

  private static ArchCondition<JavaCodeUnit> callSystemExit() {
    return new ArchCondition<>("call System.exit") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
          if (call.getTargetOwner().isEquivalentTo(System.class) && call.getName().equals("exit")) {
            events.add(SimpleConditionEvent.satisfied(call, call.getDescription()));
          }
        }
      }
    };
  }

  private static String[] concat(String[] some, String more) {
    String[] all = java.util.Arrays.copyOf(some, some.length + 1);
    all[some.length] = more;
    return all;
  }

  private static void check(ArchRule rule) {
    rule.check(main);
  }
}
