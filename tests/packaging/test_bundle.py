"""The installable program: the Linux bundle built once with packaging/build.sh, then run as a user
runs it, from the unpacked .tar.gz with a scrubbed environment (no PYTHONPATH or PYTHONHOME, a PATH
without the virtualenv, a fresh HOME and working folder), so nothing outside the bundle can help.

Also the files that go with it: the desktop entry and AppStream metainfo (validated with the
Debian tools), the icons rendered for each OS, and the wheel's package data.
"""

from __future__ import annotations

import importlib.util
import json
import os
import plistlib
import re
import shutil
import ssl
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qvickly_desk import DESKTOP_ID, __version__
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer
from tests.helpers.certificates import self_signed_certificate
from tests.helpers.paths import ROOT
from tests.helpers.tools import require_program

pytestmark = pytest.mark.packaging

VERSION = __version__
PERSON = "195501011018"
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"
BUILD_TIMEOUT = 900  # seconds; a build takes one to two minutes on two cores
RUN_TIMEOUT = 120


@dataclass(frozen=True)
class Built:
    bundle: Path  # the unpacked tarball's folder, away from where it was built

    @property
    def executable(self) -> Path:
        return self.bundle / "qvickly-desk"


def _require_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        message = "PyInstaller is not installed (pip install -e '.[packaging]')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One build per test session, unpacked from its .tar.gz into another folder."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the bundle tests build and run the Linux bundle")
    _require_pyinstaller()
    require_program("strip")  # binutils: the spec strips the Linux libraries
    out = tmp_path_factory.mktemp("build")
    dist, work = out / "dist", out / "work"
    done = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh"), "--dist", str(dist), "--work", str(work)],
        cwd=ROOT,
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        log = (done.stdout + done.stderr).splitlines()
        pytest.fail("packaging/build.sh failed:\n" + "\n".join(log[-60:]))
    tarball = dist / f"qvickly-desk-{VERSION}-linux-{os.uname().machine}.tar.gz"
    assert tarball.is_file(), f"no {tarball.name} in {sorted(p.name for p in dist.iterdir())}"
    unpacked = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["tar", "-xzf", str(tarball), "-C", str(unpacked)], check=True)
    return Built(bundle=unpacked / "qvickly-desk")


@pytest.fixture
def user_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True, mode=0o700)
    return home


def scrubbed_env(home: Path, **extra: str) -> dict[str, str]:
    """What a desktop session would give the program, minus everything that could reach Python."""
    return {
        "PATH": SYSTEM_PATH,
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(home / "run"),
        "QT_QPA_PLATFORM": "offscreen",
        "QVICKLY_LANGUAGE": "en",
        **extra,
    }


def run(command: list[str], home: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=home,
        env=scrubbed_env(home, **extra_env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )


# -- the bundle, run -----------------------------------------------------------------------------


def test_version_is_the_one_in_pyproject(built: Built, user_home: Path) -> None:
    done = run([str(built.executable), "--version"], user_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"qvickly-desk {VERSION}"


def test_smoke_test_looks_up_the_test_person_in_the_window(built: Built, user_home: Path) -> None:
    done = run([str(built.executable), "--smoke-test"], user_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"smoke test passed \(\d+ invoices shown\)", done.stdout), done.stdout


def test_smoke_test_on_an_x11_display(built: Built, user_home: Path) -> None:
    """The xcb platform plugin and the X libraries it was bundled with, on a real X server."""
    xvfb_run = require_program("xvfb-run")
    require_program("xauth")
    env = " ".join(f"{key}='{value}'" for key, value in scrubbed_env(user_home).items())
    script = (
        f"exec env -i {env} QT_QPA_PLATFORM=xcb "
        f'DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" "{built.executable}" --smoke-test'
    )
    done = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1280x1024x24", "sh", "-c", script],
        cwd=user_home,
        env={"PATH": SYSTEM_PATH, "HOME": str(user_home)},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke test passed" in done.stdout


def test_nothing_from_outside_the_bundle_is_loaded(built: Built, user_home: Path) -> None:
    """Every shared object the window loads is the bundle's, or a base system library."""
    loaded = loaded_libraries(built, user_home, "--smoke-test")
    assert any(path.endswith("libQt6Core.so.6") for path in loaded)
    bundle = str(built.bundle) + os.sep
    outside = sorted(path for path in loaded if not path.startswith(bundle))
    forbidden = re.compile(r"python|site-packages|pyside|shiboken|Qt6|\.venv|pyenv", re.IGNORECASE)
    assert [path for path in outside if forbidden.search(path)] == []
    assert all(path.startswith(("/lib", "/usr/lib")) for path in outside), outside


def loaded_libraries(built: Built, home: Path, *arguments: str) -> set[str]:
    """The shared objects a run of the bundle loads, as the dynamic loader reports them."""
    trace = home / "ld-trace"
    done = run(
        [str(built.executable), *arguments], home, LD_DEBUG="libs", LD_DEBUG_OUTPUT=str(trace)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {
        match
        for path in home.glob("ld-trace*")
        for match in re.findall(r"calling init: (\S+)", path.read_text())
    }


def test_a_lookup_from_the_bundle_loads_no_qt(built: Built, user_home: Path) -> None:
    """As from a pip install: PyInstaller's own Qt hook would load QtCore at every start, a
    third of a command-line lookup's work; the bundle's hook sets Qt's paths without it."""
    loaded = loaded_libraries(built, user_home, "lookup", PERSON, "--demo", "--format", "json")
    assert any("libpython3" in path for path in loaded)
    assert [path for path in loaded if re.search(r"Qt6|shiboken|pyside", path, re.I)] == []


def without_sandbox_port(printed: str) -> list[dict[str, str]]:
    """The invoices printed as JSON; each run's sandbox has its own port in the PDF links."""
    invoices = json.loads(printed)
    for invoice in invoices:
        invoice["fileurl"] = re.sub(r"^http://127\.0\.0\.1:\d+/", "/", invoice["fileurl"])
    return invoices


def test_lookup_prints_the_same_invoices_as_the_source(built: Built, user_home: Path) -> None:
    command = ["lookup", PERSON, "--demo", "--format", "json"]
    frozen = run([str(built.executable), *command], user_home)
    assert frozen.returncode == 0, frozen.stderr
    source = subprocess.run(
        [sys.executable, "-m", "qvickly_desk", *command],
        cwd=ROOT,
        env=scrubbed_env(user_home, PATH=os.environ["PATH"]),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=True,
    )
    invoices = without_sandbox_port(frozen.stdout)
    assert invoices, "the test person has invoices"
    assert invoices == without_sandbox_port(source.stdout)

    table = run([str(built.executable), "lookup", PERSON, "--demo"], user_home)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[-1].startswith(f"{len(invoices)} invoices")


@pytest.fixture
def https_sandbox(tmp_path: Path) -> Iterator[tuple[SandboxServer, Path]]:
    cert, key = self_signed_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with SandboxServer(ssl_context=context) as server:
        yield server, cert


def test_https_is_checked_against_the_system_trust_store(
    built: Built, user_home: Path, https_sandbox: tuple[SandboxServer, Path]
) -> None:
    """truststore is in the bundle and verifies: an unknown certificate is refused, a trusted one
    (here through OpenSSL's SSL_CERT_FILE, as a company CA would be) is accepted."""
    server, cert = https_sandbox
    command = [str(built.executable), "lookup", PERSON, "--api-url", server.url]
    credentials = {"QVICKLY_EID": DEMO_EID, "QVICKLY_SECRET": DEMO_SECRET}

    refused = run(command, user_home, **credentials)
    assert refused.returncode == 4, refused.stdout + refused.stderr
    assert "could not be verified (certificate error)" in refused.stderr

    trusted = run(command, user_home, SSL_CERT_FILE=str(cert), **credentials)
    assert trusted.returncode == 0, trusted.stderr
    assert "invoices" in trusted.stdout.splitlines()[-1]


@pytest.mark.keyring_service
def test_credentials_round_trip_through_the_real_keyring(
    built: Built, user_home: Path, sandbox: SandboxServer
) -> None:
    """keyring's Secret Service backend (SecretStorage, jeepney) works from the bundle."""
    dbus_run_session = require_program("dbus-run-session")
    require_program("gnome-keyring-daemon")
    exe = f'"{built.executable}"'
    script = f"""
        set -e
        printf keyring-test-password \\
            | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        printf '%s\\n' "$SECRET" | {exe} credentials set --eid {DEMO_EID}
        {exe} credentials show
        {exe} lookup {PERSON} --api-url {sandbox.url}
        {exe} credentials clear
        {exe} credentials show
    """
    for folder in ("data", "config"):
        (user_home / folder).mkdir(mode=0o700)
    done = subprocess.run(
        [dbus_run_session, "--", "sh", "-c", script],
        cwd=user_home,
        env=scrubbed_env(
            user_home,
            SECRET=DEMO_SECRET,
            XDG_DATA_HOME=str(user_home / "data"),
            XDG_CONFIG_HOME=str(user_home / "config"),
        ),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "Stored in the keyring." in lines
    assert f"Merchant id: {DEMO_EID}" in lines
    assert "Secret key: stored" in lines
    assert any(re.match(r"\d+ invoices", line) for line in lines), done.stdout
    assert "Removed from the keyring." in lines
    assert lines[-1] == "Secret key: none"
    assert DEMO_SECRET not in done.stdout + done.stderr


# -- the bundle, inspected -----------------------------------------------------------------------

UNUSED_QT = re.compile(r"Qt6?(Qml|Quick|WebEngine|VirtualKeyboard|Pdf|Network|OpenGL)", re.I)


def test_trimmed_bundle_has_no_qml_quick_or_webengine(built: Built) -> None:
    files = [path for path in built.bundle.rglob("*") if path.is_file() or path.is_symlink()]
    names = [path.relative_to(built.bundle).as_posix() for path in files]
    assert [name for name in names if UNUSED_QT.search(name)] == []
    assert [name for name in names if "/qml/" in name or "libgtk" in name] == []
    # Only dangling links would be worse than extra files: every link must lead somewhere.
    assert [name for name, path in zip(names, files, strict=True) if not path.exists()] == []
    translations = {path.name for path in built.bundle.rglob("PySide6/Qt/translations/*")}
    assert translations == {"qtbase_sv.qm", "qtbase_en.qm"}
    plugins = {
        path.relative_to(built.bundle / "_internal/PySide6/Qt/plugins").as_posix()
        for path in built.bundle.rglob("PySide6/Qt/plugins/*/*")
    }
    assert {"platforms/libqxcb.so", "platforms/libqoffscreen.so"} <= plugins
    assert {"iconengines/libqsvgicon.so", "imageformats/libqsvg.so"} <= plugins
    assert not any(
        plugin.startswith(("tls/", "printsupport/", "sqldrivers/")) for plugin in plugins
    )


def test_bundle_carries_the_modules_found_only_at_run_time(built: Built) -> None:
    from PyInstaller.archive.readers import pkg_archive_contents

    modules = set(pkg_archive_contents(str(built.executable)))
    wanted = {
        "keyring.backends.SecretService",
        "keyring.backends.chainer",
        "secretstorage",
        "jeepney.io.blocking",
        "cryptography.hazmat.primitives.ciphers",
        "truststore",
        "truststore._openssl",
        "qvickly_desk.ui.app",
        "qvickly_desk.sandbox",
    }
    assert wanted - modules == set()
    # Nor what only the tools that build it need: msgspec would import it at every lookup.
    assert {"typing_extensions", "qvickly_desk.gateway", "psycopg", "cheroot"} & modules == set()
    # keyring finds its backends through entry points, which live in its metadata.
    assert list(built.bundle.glob("_internal/keyring-*.dist-info/entry_points.txt"))
    resources = built.bundle / "_internal" / "resources"
    assert (resources / "icons" / "qvickly-desk.svg").is_file()
    assert {path.name for path in (resources / "translations").iterdir()} == {
        path.name for path in (ROOT / "resources" / "translations").glob("*.qm")
    }


# -- the Linux desktop files ---------------------------------------------------------------------

DESKTOP_FILE = ROOT / "packaging" / "linux" / f"{DESKTOP_ID}.desktop"
METAINFO_FILE = ROOT / "packaging" / "linux" / f"{DESKTOP_ID}.metainfo.xml"


def validate_desktop(path: Path) -> None:
    done = subprocess.run(
        [require_program("desktop-file-validate"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "", done.stdout + done.stderr


def validate_metainfo(path: Path) -> None:
    done = subprocess.run(
        [require_program("appstreamcli"), "validate", "--no-net", "--explain", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_desktop_entry_and_metainfo_are_valid() -> None:
    validate_desktop(DESKTOP_FILE)
    validate_metainfo(METAINFO_FILE)
    desktop = DESKTOP_FILE.read_text(encoding="utf-8")
    assert f"Icon={DESKTOP_ID}\n" in desktop
    metainfo = METAINFO_FILE.read_text(encoding="utf-8")
    assert f"<id>{DESKTOP_ID}</id>" in metainfo
    assert f'<launchable type="desktop-id">{DESKTOP_FILE.name}</launchable>' in metainfo


def test_shipped_desktop_files_are_valid_and_carry_the_version(built: Built) -> None:
    share = built.bundle / "share"
    validate_desktop(share / "applications" / DESKTOP_FILE.name)
    shipped = share / "metainfo" / METAINFO_FILE.name
    validate_metainfo(shipped)
    assert f'<release version="{VERSION}"' in shipped.read_text(encoding="utf-8")
    icons = share / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / f"{DESKTOP_ID}.svg").is_file()
    assert (icons / "256x256" / "apps" / f"{DESKTOP_ID}.png").is_file()


def test_install_script_installs_for_the_user_and_uninstalls(built: Built, user_home: Path) -> None:
    installed = run(["sh", str(built.bundle / "install.sh")], user_home)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    local = user_home / ".local"
    command = local / "bin" / "qvickly-desk"
    version = run([str(command), "--version"], user_home)
    assert version.stdout.strip() == f"qvickly-desk {VERSION}", version.stderr
    entry = local / "share" / "applications" / DESKTOP_FILE.name
    validate_desktop(entry)
    program = local / "opt" / "qvickly-desk" / "qvickly-desk"
    assert f'Exec="{program}"\n' in entry.read_text(encoding="utf-8")
    assert (
        local / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{DESKTOP_ID}.png"
    ).is_file()

    removed = run(
        ["sh", str(local / "opt" / "qvickly-desk" / "install.sh"), "--uninstall"], user_home
    )
    assert removed.returncode == 0, removed.stderr
    assert not command.exists() and not command.is_symlink()
    assert not entry.exists()
    assert not (local / "opt" / "qvickly-desk").exists()


# -- icons and the macOS settings, on every OS ---------------------------------------------------


def test_icons_for_every_os_are_rendered_from_the_svg(tmp_path: Path, qapp: object) -> None:
    from PySide6.QtGui import QImageReader

    subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "make_icons.py"),
            str(ROOT / "resources" / "icons" / "qvickly-desk.svg"),
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )

    def sizes(path: Path) -> list[int]:
        reader = QImageReader(str(path))
        found = []
        for index in range(reader.imageCount()):
            reader.jumpToImage(index)
            image = reader.read()
            assert not image.isNull(), f"{path.name} image {index}: {reader.errorString()}"
            found.append(image.width())
        return sorted(found)

    assert {16, 32, 48, 256} <= set(sizes(tmp_path / "qvickly-desk.ico"))
    assert {16, 32, 128, 256, 512, 1024} <= set(sizes(tmp_path / "qvickly-desk.icns"))
    with (tmp_path / "qvickly-desk.png").open("rb") as png:
        assert struct.unpack(">8x8xII", png.read(24)) == (256, 256)


def test_macos_bundle_settings_parse_and_leave_the_version_to_pyproject() -> None:
    with (ROOT / "packaging" / "macos" / "Info.plist").open("rb") as file:
        info = plistlib.load(file)
    assert info["NSHighResolutionCapable"] is True
    assert not {"CFBundleShortVersionString", "CFBundleVersion"} & set(info)


# -- the wheel -----------------------------------------------------------------------------------


def test_wheel_ships_the_icon_and_translations(tmp_path: Path) -> None:
    """A non-editable install (pip install qvickly-desk) finds its resources in the package."""
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
        ),
    )
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = wheels.glob("qvickly_desk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "qvickly_desk/resources/icons/qvickly-desk.svg" in names
    qm_files = {
        f"qvickly_desk/resources/translations/qvickly_desk_{lang}.qm" for lang in ("sv", "en")
    }
    assert qm_files <= names

    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    probe = "from qvickly_desk.ui.resources import resource_path; print(resource_path('icons'))"
    done = subprocess.run(
        [sys.executable, "-S", "-c", probe],  # -S: no site-packages, so no editable checkout
        cwd=tmp_path,
        env={"PATH": SYSTEM_PATH, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(done.stdout.strip()) == target / "qvickly_desk" / "resources" / "icons"
