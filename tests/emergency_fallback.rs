//! When the data file's folder cannot take an emergency copy (disk full, read-only, gone), the
//! copy goes to the per-user state folder, then to a private folder in the temporary folder;
//! the next start finds it there. (One test in this binary: it sets the environment.)

use partnerdeck::model::Workspace;
use partnerdeck::store;

#[cfg(unix)]
#[test]
fn an_emergency_copy_falls_back_to_the_state_folder_then_the_temporary_folder() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state");
    let tmp = home.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    // SAFETY: the only test of this binary; nothing else reads the environment meanwhile.
    unsafe {
        std::env::set_var("HOME", home.path());
        std::env::set_var("XDG_STATE_HOME", &state);
        std::env::set_var("TMPDIR", &tmp);
    }
    // A data file whose folder cannot be created or written, even by root.
    let data = std::path::Path::new("/proc/partnerdeck-no-such-folder/team.ron");
    let ws = Workspace::named("Unsaved");
    let copy = store::write_emergency(data, &ws).unwrap();
    assert!(copy.starts_with(&state), "{}", copy.display());
    assert_eq!(store::find_emergency(data), Some(copy.clone()));
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(copy.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let back = store::load(&copy).unwrap().unwrap().workspace;
    assert_eq!(back.profile.name, "Unsaved");

    // The state folder cannot be used either (a file where the folder should be): the
    // temporary folder.
    std::fs::remove_dir_all(&state).unwrap();
    std::fs::write(&state, b"not a folder").unwrap();
    let copy = store::write_emergency(data, &ws).unwrap();
    assert!(copy.starts_with(&tmp), "{}", copy.display());
    assert!(store::list_emergency(data).contains(&copy));
}
